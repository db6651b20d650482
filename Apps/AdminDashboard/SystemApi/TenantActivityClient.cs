using System.Globalization;
using WhatsAppGenesys.Contracts.Operations;
using WhatsAppGenesys.Contracts.Portal;
using WhatsAppGenesys.Contracts.Tenancy;

namespace WhatsAppGenesys.AdminDashboard.SystemApi;

/// <summary>A tenant's message figures from portal-service's hourly counters, as the operator.</summary>
public sealed class TenantActivityClient(GatewayClient gateway, TimeProvider time)
{
    /// <summary>The last 24 hours, hour by hour.</summary>
    public Task<AnalyticsReport> LastDayAsync(string tenantId, CancellationToken ct) =>
        ReadAsync(tenantId, time.GetUtcNow().AddHours(-24), "hour", ct);

    /// <summary>The last <paramref name="days"/> UTC days, day by day.</summary>
    public Task<AnalyticsReport> LastDaysAsync(string tenantId, int days, CancellationToken ct) =>
        ReadAsync(tenantId, time.GetUtcNow().UtcDateTime.Date.AddDays(1 - days), "day", ct);

    /// <summary>When the tenant's webhooks from <paramref name="source"/> (a <see cref="ProviderKeys"/> key) last got through.</summary>
    public async Task<DateTimeOffset?> LastWebhookAsync(string source, string tenantId, CancellationToken ct) =>
        (await gateway.GetAsync<WebhookActivityResponse>($"/admin/webhooks/{source}/tenants/{Uri.EscapeDataString(tenantId)}/last-received", ct))
            .LastReceivedAt;

    /// <summary>Tokens a provider refused for the tenant, or that could not be had, per provider (auth-service).</summary>
    public Task<TokenErrorsResponse> TokenErrorsAsync(string tenantId, CancellationToken ct) =>
        gateway.GetAsync<TokenErrorsResponse>($"/admin/tenants/{Uri.EscapeDataString(tenantId)}/token-errors", ct);

    private Task<AnalyticsReport> ReadAsync(string tenantId, DateTimeOffset from, string granularity, CancellationToken ct) =>
        gateway.GetAsync<AnalyticsReport>(
            $"/admin/tenants/{Uri.EscapeDataString(tenantId)}/analytics?granularity={granularity}&from={Uri.EscapeDataString(from.ToString("O", CultureInfo.InvariantCulture))}",
            ct);
}
