namespace WhatsAppGenesys.OutboundTransformer.Media;

/// <summary>Section <c>OutboundMedia</c>.</summary>
public sealed class OutboundMediaOptions
{
    public const string SectionName = "OutboundMedia";

    /// <summary>How long Meta may fetch an agent's file through its presigned link (the issue: 24 h).</summary>
    public TimeSpan PresignedUrlLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Timeout of one attachment download from Genesys.</summary>
    public TimeSpan DownloadTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
