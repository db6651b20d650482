using WhatsAppGenesys.Contracts.Alerts;

namespace WhatsAppGenesys.AdminDashboard.SystemApi;

/// <summary>Alerts from alert-service, as the operator (every tenant and the platform).</summary>
public sealed class AlertsClient(GatewayClient gateway)
{
    /// <summary>Alerts newest first; <paramref name="state"/> <c>open</c> or <c>resolved</c> (null: both), one tenant's when given.</summary>
    public Task<List<AlertResponse>> ListAsync(string? state, string? tenantId, int limit, CancellationToken ct)
    {
        var query = new List<string> { $"limit={limit}" };
        if (state is not null)
        {
            query.Add($"state={state}");
        }
        if (!string.IsNullOrEmpty(tenantId))
        {
            query.Add($"tenantId={Uri.EscapeDataString(tenantId)}");
        }
        return gateway.GetAsync<List<AlertResponse>>($"/admin/alerts?{string.Join('&', query)}", ct);
    }
}
