namespace WhatsAppGenesys.AdminDashboard.SystemApi;

/// <summary>Configuration section <c>Gateway</c>: how the console reaches the system.</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>The API gateway; service discovery resolves the name inside the AppHost.</summary>
    public Uri BaseUrl { get; set; } = new("http://api-gateway");

    /// <summary>
    /// Where Meta and Genesys reach the platform from outside, for the webhook URLs the onboarding review shows.
    /// Empty: the gateway's own address.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>A path as a provider outside reaches it (a webhook URL to paste into its console).</summary>
    public Uri PublicUrl(string path) => new(PublicBaseUrl ?? BaseUrl, path);

    /// <summary>The operator key. The console presents it on every call, server-side; no browser ever sees it.</summary>
    public string OperatorKey { get; set; } = "";
}
