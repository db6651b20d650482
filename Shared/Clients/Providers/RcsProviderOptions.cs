namespace WhatsAppGenesys.Clients.Providers;

/// <summary>
/// Where the RCS provider is, for every service that calls it (configuration section <c>Rcs</c>): auth-service
/// exchanges tokens at <c>{BaseUrl}/oauth2/token</c>, rcs-api sends at <c>{BaseUrl}/v1/phones/…</c>. One aggregator
/// for the deployment; each tenant brings its own agent and OAuth client.
/// </summary>
public sealed class RcsProviderOptions
{
    public const string SectionName = "Rcs";

    /// <summary>The aggregator's base URL; the RCS simulator in sandbox mode. Unset: no RCS.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>Timeout of one send or capability check.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>
    /// Timeout of one token exchange. Issuing a token may take two (a refused refresh token, then the client
    /// credentials), and both must end inside the exchange lock (<c>AuthService:TokenCache:LockTimeout</c>, 10 s), or a
    /// second replica could present the same refresh token, which the provider answers by revoking the token family.
    /// </summary>
    public TimeSpan TokenRequestTimeout { get; set; } = TimeSpan.FromSeconds(4);
}
