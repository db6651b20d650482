using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WhatsAppGenesys.Contracts.Tenancy;

namespace WhatsAppGenesys.Clients.Tenancy;

/// <summary>
/// Routes that act for one tenant, named in <c>X-Tenant-ID</c>. Internal services (the state manager) get it from
/// callers that already resolved the tenant; services behind the gateway's tenant routes get it from the gateway,
/// which sets it from the caller's API key and drops whatever the client sent. Every query filters on it.
/// </summary>
public static class TenantHeader
{
    public const string Name = TenancyHeaders.TenantId;

    public static RouteGroupBuilder RequireTenantHeader(this RouteGroupBuilder group) =>
        group.AddEndpointFilter(async (context, next) =>
        {
            var tenantId = context.HttpContext.Request.Headers[Name].ToString();
            if (string.IsNullOrWhiteSpace(tenantId) || tenantId.Length > 64)
            {
                return Results.Problem(statusCode: 400, title: $"Header {Name} is required", detail: "This data is always read and written for one tenant.");
            }
            context.HttpContext.Items[Name] = tenantId;
            return await next(context);
        });

    /// <summary>The tenant <see cref="RequireTenantHeader"/> admitted for this request.</summary>
    public static string TenantId(this HttpContext context) => (string)context.Items[Name]!;
}
