namespace WhatsAppGenesys.GenesysApi.OpenMessaging;

public sealed class GenesysOptions
{
    public const string SectionName = "Genesys";

    /// <summary>
    /// Sends every call to this base URL instead of https://api.{region}: the sandbox's Genesys simulator. Unset in
    /// production, where the host always comes from the tenant's allow-listed region.
    /// </summary>
    public Uri? BaseUrlOverride { get; set; }

    /// <summary>Requests per minute we allow ourselves per tenant (Genesys's default per OAuth client is 300).</summary>
    public int RequestsPerMinutePerTenant { get; set; } = 300;

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
