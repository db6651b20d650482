namespace WhatsAppGenesys.StateManager.Api;

/// <summary>
/// Every state operation is scoped to one tenant, named by the caller in <c>X-Tenant-ID</c>. The state manager is an
/// internal service (never routed by the gateway); the header is how callers that already resolved the tenant say
/// whose data they mean, and every query filters on it.
/// </summary>
internal static class TenantHeader
{
    public const string Name = "X-Tenant-ID";

    public static RouteGroupBuilder RequireTenantHeader(this RouteGroupBuilder group) =>
        group.AddEndpointFilter(async (context, next) =>
        {
            var tenantId = context.HttpContext.Request.Headers[Name].ToString();
            if (string.IsNullOrWhiteSpace(tenantId) || tenantId.Length > 64)
            {
                return Results.Problem(statusCode: 400, title: $"Header {Name} is required", detail: "State is always read and written for one tenant.");
            }
            context.HttpContext.Items[Name] = tenantId;
            return await next(context);
        });

    public static string TenantId(this HttpContext context) => (string)context.Items[Name]!;
}
