namespace WhatsAppGenesys.AuthService.Tokens;

/// <summary>Configuration section <c>Genesys</c>.</summary>
public sealed class GenesysOptions
{
    public const string SectionName = "Genesys";

    /// <summary>
    /// Sandbox only: one base URL (the Genesys simulator) instead of https://login.{region}. Operator configuration,
    /// never tenant input, so it does not weaken the region allow-list.
    /// </summary>
    public Uri? BaseUrlOverride { get; set; }

    /// <summary>Timeout of one token exchange; shorter than the exchange lock so a slow call never outlives it.</summary>
    public TimeSpan TokenRequestTimeout { get; set; } = TimeSpan.FromSeconds(8);
}
