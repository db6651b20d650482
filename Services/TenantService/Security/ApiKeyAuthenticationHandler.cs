using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using WhatsAppGenesys.Contracts.Tenancy;
using WhatsAppGenesys.TenantService.ApiKeys;

namespace WhatsAppGenesys.TenantService.Security;

/// <summary>
/// Authenticates /api callers by <c>X-Api-Key</c>: the operator key (all tenants) or a tenant API key (its own
/// tenant only). Which tenant a request may touch is decided per endpoint with <see cref="CallerExtensions"/>.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ApiKeyService apiKeys,
    IOptions<TenantServiceOptions> settings)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Request.Headers[TenancyHeaders.ApiKey].ToString();
        if (presented.Length == 0)
        {
            return AuthenticateResult.NoResult();
        }

        if (IsAdminKey(presented))
        {
            return Success(new Claim(ClaimTypes.Role, CallerExtensions.OperatorRole));
        }

        var verified = await apiKeys.VerifyAsync(presented, Context.RequestAborted);
        return verified is null
            ? AuthenticateResult.Fail("Unknown or revoked API key.")
            : Success(
                new Claim(CallerExtensions.TenantIdClaim, verified.TenantId),
                new Claim(CallerExtensions.TenantActiveClaim, verified.IsActive ? "true" : "false"));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status401Unauthorized, "Unauthorized",
            $"Send a valid tenant API key or the operator key in the {TenancyHeaders.ApiKey} header.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "Forbidden", "This operation needs the operator key.");

    private bool IsAdminKey(string presented)
    {
        var admin = settings.Value.AdminApiKey;
        if (string.IsNullOrEmpty(admin))
        {
            return false;
        }
        // Compare hashes in constant time so neither length nor content leaks through timing.
        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(admin)));
    }

    private AuthenticateResult Success(params Claim[] claims) =>
        AuthenticateResult.Success(new AuthenticationTicket(
            new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));

    private Task WriteProblemAsync(int status, string title, string detail) =>
        Results.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(Context);
}

public static class CallerExtensions
{
    public const string OperatorRole = "operator";
    public const string TenantIdClaim = "tenant_id";
    public const string TenantActiveClaim = "tenant_active";
    public const string OperatorPolicy = "operator";

    public static bool IsOperator(this ClaimsPrincipal caller) => caller.IsInRole(OperatorRole);

    public static string? TenantId(this ClaimsPrincipal caller) => caller.FindFirstValue(TenantIdClaim);

    /// <summary>
    /// Null when the caller may act on the tenant, else the 403 to return. The operator may touch every tenant; a
    /// tenant key only its own, and a deactivated tenant's key may still read (to see why) but not change anything.
    /// </summary>
    public static IResult? Deny(this ClaimsPrincipal caller, string tenantId, bool change = false)
    {
        if (caller.IsOperator())
        {
            return null;
        }
        if (!string.Equals(caller.TenantId(), tenantId, StringComparison.Ordinal))
        {
            return Forbidden("This API key may only access its own tenant.");
        }
        return change && caller.FindFirstValue(TenantActiveClaim) != "true"
            ? Forbidden("The tenant is deactivated; its API keys may read but not change it.")
            : null;
    }

    private static IResult Forbidden(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: detail);
}
