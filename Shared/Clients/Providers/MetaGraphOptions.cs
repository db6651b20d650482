namespace WhatsAppGenesys.Clients.Providers;

/// <summary>
/// Where Meta's Graph API is, for every service that calls it (configuration section <c>Meta</c>): whatsapp-api
/// sends messages and completes Embedded Signup, the inbound transformer downloads customers' media, portal-service
/// manages templates.
/// </summary>
public sealed class MetaGraphOptions
{
    public const string SectionName = "Meta";

    /// <summary>https://graph.facebook.com in production; the Meta simulator in sandbox mode.</summary>
    public Uri GraphBaseUrl { get; set; } = new("https://graph.facebook.com");

    /// <summary>
    /// Timeout of one Graph call where the service sets none of its own (whatsapp-api's sends use
    /// <c>WhatsAppApi:RequestTimeout</c>, a tighter one, as a customer waits on them).
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);
}
