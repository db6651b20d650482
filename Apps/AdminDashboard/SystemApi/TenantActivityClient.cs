using System.Globalization;
using WhatsAppGenesys.Contracts.Operations;
using WhatsAppGenesys.Contracts.Tenancy;

namespace WhatsAppGenesys.AdminDashboard.SystemApi;

// The part of portal-service's analytics report the console draws (GET /admin/tenants/{tenantId}/analytics); the
// report has more (message types, response times, campaign funnels), which the business's own portal shows.

public sealed record TenantActivity(DateTimeOffset From, DateTimeOffset To, string Granularity, IReadOnlyList<ActivityPeriod> Periods, ActivityFigures Totals);

public sealed record ActivityPeriod(DateTimeOffset Start, DateTimeOffset End, ActivityFigures Figures);

/// <summary>Delivered, read and failed count the outbound messages sent in the period; the rates are shares of them.</summary>
public sealed record ActivityFigures(MessageCount Inbound, MessageCount Outbound, long Delivered, long Read, double? DeliveredRate,
    double? ReadRate, FailureCount Failures);

public sealed record MessageCount(long Total);

/// <summary>Failed outbound messages, per Meta error code.</summary>
public sealed record FailureCount(long Total, IReadOnlyDictionary<string, long> ByCode);

/// <summary>A tenant's message figures from portal-service's hourly counters, as the operator.</summary>
public sealed class TenantActivityClient(GatewayClient gateway, TimeProvider time)
{
    /// <summary>The last 24 hours, hour by hour.</summary>
    public Task<TenantActivity> LastDayAsync(string tenantId, CancellationToken ct) =>
        ReadAsync(tenantId, time.GetUtcNow().AddHours(-24), "hour", ct);

    /// <summary>The last <paramref name="days"/> UTC days, day by day.</summary>
    public Task<TenantActivity> LastDaysAsync(string tenantId, int days, CancellationToken ct) =>
        ReadAsync(tenantId, time.GetUtcNow().UtcDateTime.Date.AddDays(1 - days), "day", ct);

    /// <summary>When the tenant's webhooks from <paramref name="source"/> (<c>whatsapp</c> or <c>genesys</c>) last got through.</summary>
    public async Task<DateTimeOffset?> LastWebhookAsync(string source, string tenantId, CancellationToken ct) =>
        (await gateway.GetAsync<WebhookActivityResponse>($"/admin/webhooks/{source}/tenants/{Uri.EscapeDataString(tenantId)}/last-received", ct))
            .LastReceivedAt;

    /// <summary>Tokens Meta or Genesys refused for the tenant, or that could not be had, per provider (auth-service).</summary>
    public Task<TokenErrorsResponse> TokenErrorsAsync(string tenantId, CancellationToken ct) =>
        gateway.GetAsync<TokenErrorsResponse>($"/admin/tenants/{Uri.EscapeDataString(tenantId)}/token-errors", ct);

    private Task<TenantActivity> ReadAsync(string tenantId, DateTimeOffset from, string granularity, CancellationToken ct) =>
        gateway.GetAsync<TenantActivity>(
            $"/admin/tenants/{Uri.EscapeDataString(tenantId)}/analytics?granularity={granularity}&from={Uri.EscapeDataString(from.ToString("O", CultureInfo.InvariantCulture))}",
            ct);
}
