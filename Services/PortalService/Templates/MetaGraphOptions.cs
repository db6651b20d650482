namespace WhatsAppGenesys.PortalService.Templates;

/// <summary>Where the Graph API is (section <c>Meta</c>, shared with the other services that call Meta).</summary>
public sealed class MetaGraphOptions
{
    public const string SectionName = "Meta";

    /// <summary>https://graph.facebook.com in production; the Meta simulator in sandbox mode.</summary>
    public Uri GraphBaseUrl { get; set; } = new("https://graph.facebook.com");

    /// <summary>Timeout of one Graph call.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);
}
