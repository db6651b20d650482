using WhatsAppGenesys.Contracts.Tenancy;

namespace WhatsAppGenesys.AdminDashboard.SystemApi;

/// <summary>The tenant service's public API (<c>/api/tenants</c>), as the operator.</summary>
public sealed class TenantsClient(GatewayClient gateway)
{
    public Task<List<TenantResponse>> ListAsync(CancellationToken ct) =>
        gateway.GetAsync<List<TenantResponse>>("/api/tenants?limit=1000", ct);

    public Task<TenantResponse> GetAsync(string tenantId, CancellationToken ct) =>
        gateway.GetAsync<TenantResponse>($"/api/tenants/{Uri.EscapeDataString(tenantId)}", ct);

    /// <summary>Creates the tenant with its whole configuration in one request, so a refusal leaves nothing behind.</summary>
    public Task<TenantResponse> CreateAsync(CreateTenantRequest request, CancellationToken ct) =>
        gateway.PostAsync<TenantResponse>("/api/tenants", request, ct);

    public Task<TenantResponse> SuspendAsync(string tenantId, CancellationToken ct) =>
        gateway.PostAsync<TenantResponse>($"/api/tenants/{Uri.EscapeDataString(tenantId)}/deactivate", null, ct);

    public Task<TenantResponse> ResumeAsync(string tenantId, CancellationToken ct) =>
        gateway.PostAsync<TenantResponse>($"/api/tenants/{Uri.EscapeDataString(tenantId)}/reactivate", null, ct);

    /// <summary>Sets the tenant's RCS agent and client; a null secret keeps the stored one.</summary>
    public Task<TenantResponse> SetRcsAsync(string tenantId, RcsConfigRequest request, CancellationToken ct) =>
        gateway.PutAsync<TenantResponse>($"/api/tenants/{Uri.EscapeDataString(tenantId)}/rcs", request, ct);
}
