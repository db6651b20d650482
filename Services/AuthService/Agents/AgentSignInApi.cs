using WhatsAppGenesys.AuthService.Tokens;
using WhatsAppGenesys.Contracts.Agents;
using WhatsAppGenesys.Contracts.Tenancy;

namespace WhatsAppGenesys.AuthService.Agents;

/// <summary>
/// <c>/auth/agents</c>: agent sign-in with Genesys for the portal service (internal; never routed by the gateway).
/// Failures are problem details phrased for the agent who is signing in.
/// </summary>
public static class AgentSignInApi
{
    public static IEndpointRouteBuilder MapAgentSignInApi(this IEndpointRouteBuilder app)
    {
        var agents = app.MapGroup("/auth/agents").WithTags("Agent sign-in");

        agents.MapPost("/authorize", async (AgentAuthorizeRequest request, AgentSignIn signIn, CancellationToken ct) =>
                Invalid(request) ?? await Run(() => signIn.AuthorizeUrlAsync(request, ct)))
            .WithSummary("The Genesys authorize URL (authorization code with PKCE) of the tenant's region")
            .Produces<AgentAuthorizeResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        agents.MapPost("/sign-in", async (AgentSignInRequest request, AgentSignIn signIn, CancellationToken ct) =>
                Invalid(request) ?? await Run(() => signIn.SignInAsync(request, ct)))
            .WithSummary("Redeem the code, read the signed-in Genesys user, and check they belong to the tenant's organization")
            .Produces<GenesysAgent>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        agents.MapGet("/{tenantId}/widget-host", async (string tenantId, AgentSignIn signIn, CancellationToken ct) =>
                !TenantIds.IsValid(tenantId) ? Results.NotFound() : await Run(() => signIn.WidgetHostAsync(tenantId, ct)))
            .WithSummary("The Genesys Cloud origin that may frame the tenant's agent widget (its region's web app)")
            .Produces<AgentWidgetHost>().ProducesProblem(StatusCodes.Status404NotFound);

        agents.MapGet("/{tenantId}/users/{userId}", async (string tenantId, string userId, AgentSignIn signIn, CancellationToken ct) =>
                !TenantIds.IsValid(tenantId)
                    ? Results.NotFound()
                    : await Run(async () => await signIn.FindAsync(tenantId, userId, ct) is { } user
                        ? Results.Ok(user)
                        : Results.Problem(statusCode: 404, title: "No such user", detail: "The tenant's Genesys organization has no such user.")))
            .WithSummary("A user of the tenant's Genesys organization as Genesys has them now (roles and state), for role sync")
            .Produces<GenesysAgent>().ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> Run<T>(Func<Task<T>> action)
    {
        try
        {
            var result = await action();
            return result as IResult ?? Results.Ok(result);
        }
        catch (TokenFailureException failure)
        {
            return failure.ToProblem();
        }
    }

    private static IResult? Invalid(AgentAuthorizeRequest request) => Errors(
        (!TenantIds.IsValid(request.TenantId), "tenantId", "A tenant id."),
        (!IsAbsoluteHttpUri(request.RedirectUri), "redirectUri", "An absolute http(s) URL."),
        (string.IsNullOrEmpty(request.State) || request.State.Length > 512, "state", "1 to 512 characters."),
        // BASE64URL of a SHA-256 digest, no padding (RFC 7636 section 4.2).
        (request.CodeChallenge is not { Length: 43 }, "codeChallenge", "The S256 code challenge (43 characters)."));

    private static IResult? Invalid(AgentSignInRequest request) => Errors(
        (!TenantIds.IsValid(request.TenantId), "tenantId", "A tenant id."),
        (string.IsNullOrEmpty(request.Code), "code", "The authorization code Genesys returned."),
        (!IsAbsoluteHttpUri(request.RedirectUri), "redirectUri", "The redirect URL the code was issued for."),
        // 43 to 128 unreserved characters (RFC 7636 section 4.1).
        (request.CodeVerifier is not { Length: >= 43 and <= 128 }, "codeVerifier", "The PKCE code verifier."));

    private static IResult? Errors(params (bool Failed, string Field, string Message)[] checks)
    {
        var errors = checks.Where(c => c.Failed).ToDictionary(c => c.Field, c => new[] { c.Message });
        return errors.Count == 0 ? null : Results.ValidationProblem(errors, title: "The request is not valid");
    }

    private static bool IsAbsoluteHttpUri(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}
