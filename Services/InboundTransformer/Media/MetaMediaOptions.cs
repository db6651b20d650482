namespace WhatsAppGenesys.InboundTransformer.Media;

public sealed class MetaGraphOptions
{
    public const string SectionName = "Meta";

    /// <summary>https://graph.facebook.com in production; the Meta simulator in sandbox mode.</summary>
    public Uri GraphBaseUrl { get; set; } = new("https://graph.facebook.com");

    /// <summary>How long Genesys may fetch a customer's media through its presigned link (default 1 hour).</summary>
    public TimeSpan PresignedUrlLifetime { get; set; } = TimeSpan.FromHours(1);
}
