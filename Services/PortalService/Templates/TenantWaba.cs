using WhatsAppGenesys.Clients.Tenancy;

namespace WhatsAppGenesys.PortalService.Templates;

/// <summary>The WhatsApp Business Account a tenant's templates live in, and the Graph version it is configured for.</summary>
public sealed record TenantWaba(string TenantId, string WabaId, string GraphVersion)
{
    /// <summary>The tenant's WABA, or null when the tenant is unknown, inactive or has no WhatsApp configuration.</summary>
    public static async Task<TenantWaba?> FindAsync(ITenantDirectory tenants, string tenantId, CancellationToken ct) =>
        await tenants.FindByIdAsync(tenantId, ct) is { IsActive: true, WhatsApp: { } whatsApp } && whatsApp.WabaId.Length > 0
            ? new TenantWaba(tenantId, whatsApp.WabaId, whatsApp.GraphApiVersion)
            : null;

    public static IResult NotConfigured() => Results.Problem(statusCode: StatusCodes.Status409Conflict,
        title: "The tenant has no WhatsApp Business Account", detail: "Templates live in the tenant's WABA; configure its WhatsApp settings first.");
}
