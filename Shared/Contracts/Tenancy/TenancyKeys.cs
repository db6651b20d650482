namespace WhatsAppGenesys.Contracts.Tenancy;

// Redis key and channel names every process agrees on.
public static class TenancyKeys
{
    /// <summary>Pub/sub channel carrying a <see cref="TenantInvalidation"/> whenever a tenant changes.</summary>
    public const string InvalidationChannel = "tenancy:invalidations";

    /// <summary>How long resolution entries live in Redis: an hour (a tenant change writes them through at once).</summary>
    public static readonly TimeSpan ConfigTtl = TimeSpan.FromSeconds(3600);

    /// <summary>How long the WhatsApp system-user token is cached: a day (system-user tokens are long-lived).</summary>
    public static readonly TimeSpan WhatsAppTokenTtl = TimeSpan.FromHours(24);

    public static string Config(string tenantId) => $"tenant:{tenantId}:config";

    public static string PhoneNumberIndex(string phoneNumberId) => $"tenant-index:phone:{phoneNumberId}";

    public static string IntegrationIndex(string integrationId) => $"tenant-index:integration:{integrationId}";

    public static string GenesysToken(string tenantId) => $"tenant:{tenantId}:oauth:token";

    public static string WhatsAppToken(string tenantId) => $"tenant:{tenantId}:whatsapp:token";

    /// <summary>The tenant's RCS provider access token (as the token cache stores it).</summary>
    public static string RcsAccessToken(string tenantId) => $"rcs:access_token:{tenantId}";

    /// <summary>The tenant's current RCS provider refresh token (plain text; rotated on every use).</summary>
    public static string RcsRefreshToken(string tenantId) => $"rcs:refresh_token:{tenantId}";

    /// <summary>The exchange lock beside a token key (held by the one instance calling the provider).</summary>
    public static string TokenLock(string tokenKey) => tokenKey + ":lock";

    /// <summary>A failed exchange's answer, shared briefly with the waiters of the same burst.</summary>
    public static string TokenFailure(string tokenKey) => tokenKey + ":failure";
}

public static class TenancyHeaders
{
    public const string TenantId = "X-Tenant-ID";
    public const string ApiKey = "X-Api-Key";

    /// <summary>Set by the gateway on tenant routes: the id (never the secret) of the API key that authenticated the caller.</summary>
    public const string ApiKeyId = "X-Api-Key-Id";
}
