namespace WhatsAppGenesys.ApiGateway;

/// <summary>The <c>Gateway</c> configuration section.</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>The operator key (the AppHost passes the tenant service's <c>tenant-admin-api-key</c>): admin routes and tenant creation.</summary>
    public string? AdminApiKey { get; set; }

    /// <summary>Largest request body accepted on any route; larger ones get 413 before they reach a service.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest body on upload routes (contact imports), which the service reads as a stream.</summary>
    public long MaxUploadBodyBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>How long a verified tenant API key is trusted without asking the tenant service again (bounds how late a revocation is seen).</summary>
    public TimeSpan ApiKeyCacheTtl { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long an unknown key is remembered as unknown, so a client retrying a bad key does not reach the database each time.</summary>
    public TimeSpan UnknownApiKeyCacheTtl { get; set; } = TimeSpan.FromSeconds(5);

    public CorsSettings Cors { get; set; } = new();

    public RateLimitSettings RateLimiting { get; set; } = new();
}

public sealed class CorsSettings
{
    /// <summary>Portal origins allowed to call the API from a browser (exact scheme://host[:port]).</summary>
    public string[] Origins { get; set; } = [];
}

public sealed class RateLimitSettings
{
    /// <summary>Per client IP, every route except the provider webhooks; checked before the API key is even looked at.</summary>
    public WindowLimit PerClientIp { get; set; } = new() { PermitLimit = 600, Window = TimeSpan.FromSeconds(10) };

    /// <summary>Requests with the operator key (the console, for every operator), whatever their address.</summary>
    public WindowLimit PerOperator { get; set; } = new() { PermitLimit = 6000, Window = TimeSpan.FromSeconds(10) };

    /// <summary>Per client IP on the webhook routes: providers deliver in bursts from few addresses.</summary>
    public WindowLimit PerWebhookSourceIp { get; set; } = new() { PermitLimit = 3000, Window = TimeSpan.FromSeconds(10) };

    /// <summary>Per tenant, whatever IPs and keys it uses.</summary>
    public WindowLimit PerTenant { get; set; } = new() { PermitLimit = 300, Window = TimeSpan.FromSeconds(10) };
}

public sealed class WindowLimit
{
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; }
}
