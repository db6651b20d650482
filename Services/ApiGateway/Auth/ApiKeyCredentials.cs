using System.Security.Claims;
using WhatsAppGenesys.Contracts.Tenancy;

namespace WhatsAppGenesys.ApiGateway.Auth;

/// <summary>Where a caller's key is read from: <c>X-Api-Key</c>, or <c>Authorization: Bearer</c> for clients that only do bearer tokens.</summary>
public static class ApiKeyCredentials
{
    public static string? Read(HttpRequest request)
    {
        var apiKey = request.Headers[TenancyHeaders.ApiKey].ToString().Trim();
        if (apiKey.Length > 0)
        {
            return apiKey;
        }
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && authorization[7..].Trim() is { Length: > 0 } token
            ? token
            : null;
    }
}

/// <summary>The claims the gateway's authentication gives a caller.</summary>
public static class GatewayClaims
{
    public const string OperatorRole = "operator";
    public const string TenantIdClaim = "tenant_id";
    public const string TenantActiveClaim = "tenant_active";
    public const string ApiKeyIdClaim = "api_key_id";

    public static bool IsOperator(this ClaimsPrincipal caller) => caller.IsInRole(OperatorRole);

    public static string? TenantId(this ClaimsPrincipal caller) => caller.FindFirstValue(TenantIdClaim);

    public static bool IsActiveTenant(this ClaimsPrincipal caller) => caller.FindFirstValue(TenantActiveClaim) == "true";
}
