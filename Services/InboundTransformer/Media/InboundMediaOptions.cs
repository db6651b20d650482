namespace WhatsAppGenesys.InboundTransformer.Media;

/// <summary>Section <c>InboundMedia</c>: customers' files, kept in S3 for Genesys to fetch.</summary>
public sealed class InboundMediaOptions
{
    public const string SectionName = "InboundMedia";

    /// <summary>How long Genesys may fetch a customer's media through its presigned link (default 1 hour).</summary>
    public TimeSpan PresignedUrlLifetime { get; set; } = TimeSpan.FromHours(1);
}
