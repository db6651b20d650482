using Microsoft.AspNetCore.Authorization;
using WhatsAppGenesys.ApiGateway.Routing;

namespace WhatsAppGenesys.ApiGateway.Auth;

/// <summary>One authorization policy per <see cref="RouteAccess"/>; each failure carries the sentence the 403 shows.</summary>
public static class GatewayPolicies
{
    public const string AnyCaller = "any-caller";
    public const string TenantInPath = "tenant-in-path";
    public const string Tenant = "tenant";
    public const string Operator = "operator";

    /// <summary>The route value a <see cref="RouteAccess.TenantInPath"/> route names its tenant with.</summary>
    public const string TenantIdRouteValue = "tenantId";

    // YARP's reserved value for "no authorization" on a route.
    private const string Anonymous = "Anonymous";

    public static string For(RouteAccess access) => access switch
    {
        RouteAccess.Provider => Anonymous,
        RouteAccess.AnyCaller => AnyCaller,
        RouteAccess.TenantInPath => TenantInPath,
        RouteAccess.Tenant => Tenant,
        RouteAccess.Operator => Operator,
        _ => throw new ArgumentOutOfRangeException(nameof(access), access, null),
    };

    public static void Add(AuthorizationOptions options)
    {
        Add(options, AnyCaller, new CallerRequirement(RouteAccess.AnyCaller));
        Add(options, TenantInPath, new CallerRequirement(RouteAccess.TenantInPath));
        Add(options, Tenant, new CallerRequirement(RouteAccess.Tenant));
        Add(options, Operator, new CallerRequirement(RouteAccess.Operator));
    }

    private static void Add(AuthorizationOptions options, string name, IAuthorizationRequirement requirement) =>
        options.AddPolicy(name, policy => policy
            .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser()
            .AddRequirements(requirement));
}

public sealed record CallerRequirement(RouteAccess Access) : IAuthorizationRequirement;

public sealed class CallerRequirementHandler : AuthorizationHandler<CallerRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, CallerRequirement requirement)
    {
        var caller = context.User;
        var refusal = requirement.Access switch
        {
            RouteAccess.AnyCaller => null,
            RouteAccess.Operator => caller.IsOperator() ? null : "This route needs the operator key.",
            RouteAccess.Tenant when caller.IsOperator() => "This route acts for one tenant: use that tenant's API key.",
            RouteAccess.Tenant => caller.IsActiveTenant() ? null : "The tenant is deactivated.",
            RouteAccess.TenantInPath => caller.IsOperator() || PathTenant(context) == caller.TenantId()
                ? null
                : "This API key may only access its own tenant.",
            _ => "This route is not open to API keys.",
        };
        if (refusal is null)
        {
            context.Succeed(requirement);
        }
        else
        {
            context.Fail(new AuthorizationFailureReason(this, refusal));
        }
        return Task.CompletedTask;
    }

    private static string? PathTenant(AuthorizationHandlerContext context) =>
        (context.Resource as HttpContext)?.GetRouteValue(GatewayPolicies.TenantIdRouteValue) as string;
}
