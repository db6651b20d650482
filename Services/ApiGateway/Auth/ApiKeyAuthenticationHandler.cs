using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using WhatsAppGenesys.Contracts.Tenancy;

namespace WhatsAppGenesys.ApiGateway.Auth;

/// <summary>
/// Authenticates callers by API key (<see cref="ApiKeyCredentials"/>): the operator key, or a tenant key verified by
/// the tenant service. No key is not a failure here — webhooks need none; the route's policy decides.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ApiKeyVerifier verifier,
    OperatorKey operatorKey)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";
    private static readonly object VerificationUnavailable = new();

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (ApiKeyCredentials.Read(Request) is not { } presented)
        {
            return AuthenticateResult.NoResult();
        }
        if (operatorKey.Matches(presented))
        {
            return Success(new Claim(ClaimTypes.Role, GatewayClaims.OperatorRole));
        }

        VerifyApiKeyResponse? verified;
        try
        {
            verified = await verifier.VerifyAsync(presented, Context.RequestAborted);
        }
        catch (ApiKeyVerificationUnavailableException ex)
        {
            Context.Items[VerificationUnavailable] = true;
            return AuthenticateResult.Fail(ex.Message);
        }
        return verified is null
            ? AuthenticateResult.Fail("Unknown or revoked API key.")
            : Success(
                new Claim(GatewayClaims.TenantIdClaim, verified.TenantId),
                new Claim(GatewayClaims.TenantActiveClaim, verified.IsActive ? "true" : "false"),
                new Claim(GatewayClaims.ApiKeyIdClaim, verified.KeyId.ToString()));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items.ContainsKey(VerificationUnavailable))
        {
            // Not the caller's fault: a 401 would tell a client with a good key to stop trying.
            Response.Headers.RetryAfter = "5";
            return Problem(StatusCodes.Status503ServiceUnavailable, "Service Unavailable", "The API key could not be verified right now; retry shortly.");
        }
        Response.Headers.WWWAuthenticate = "Bearer";
        return Problem(StatusCodes.Status401Unauthorized, "Unauthorized",
            $"Send a valid API key in the {TenancyHeaders.ApiKey} header (or as Authorization: Bearer).");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problem(StatusCodes.Status403Forbidden, "Forbidden", "This API key may not use this route.");

    private AuthenticateResult Success(params Claim[] claims) =>
        AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));

    private Task Problem(int status, string title, string detail) =>
        Results.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(Context);
}
