using Microsoft.Extensions.Options;
using WhatsAppGenesys.Clients.RateLimiting;
using WhatsAppGenesys.Clients.Tenancy;
using WhatsAppGenesys.Contracts.Providers;
using WhatsAppGenesys.Contracts.Tenancy;
using WhatsAppGenesys.GenesysApi.OpenMessaging;

namespace WhatsAppGenesys.GenesysApi;

/// <summary>
/// What every call for a tenant passes before it reaches Genesys: the tenant named in <c>X-Tenant-ID</c> (set by the
/// transformers, or by the gateway from the caller's API key) must be active and have a Genesys configuration, and
/// each request to Genesys takes one unit of the tenant's per-minute budget.
/// </summary>
public sealed class GenesysTenantGate(ITenantDirectory tenants, TenantRateLimiter rateLimiter, IOptions<GenesysOptions> options)
{
    public async Task<(string TenantId, GenesysSettings? Settings, IResult? Refusal)> ResolveAsync(HttpContext http)
    {
        var tenantId = http.Request.Headers["X-Tenant-ID"].ToString();
        if (string.IsNullOrEmpty(tenantId))
        {
            return (tenantId, null, Results.Problem(statusCode: 400, title: "X-Tenant-ID is required"));
        }
        var tenant = await tenants.FindByIdAsync(tenantId, http.RequestAborted);
        return tenant is { IsActive: true, Genesys: { } settings }
            ? (tenantId, settings, null)
            : (tenantId, null, Results.Problem(statusCode: 403, title: "Unknown or inactive tenant, or no Genesys configuration"));
    }

    /// <returns>Null when the request may go; else a retryable error saying how long to wait.</returns>
    public async Task<ProviderError?> TakeBudgetAsync(string tenantId) =>
        await rateLimiter.TryAcquireAsync("genesys", tenantId, options.Value.RequestsPerMinutePerTenant, TimeSpan.FromMinutes(1)) is { } wait
            ? new ProviderError(ProviderNames.Genesys, 429, "rate.limited.locally",
                "Tenant is at its Genesys request budget for this minute", Retryable: true, RetryAfterSeconds: wait.TotalSeconds)
            : null;
}
