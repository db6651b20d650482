using WhatsAppGenesys.GenesysSandbox.Http;
using WhatsAppGenesys.GenesysSandbox.OAuth;

namespace WhatsAppGenesys.GenesysSandbox.Control;

/// <summary>Public PKCE login clients, next to those in configuration (GenesysSandbox:LoginClients).</summary>
public static class LoginClientEndpoints
{
    public static IEndpointRouteBuilder MapLoginClientEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/sandbox/login-clients").WithTags("Login clients");
        group.MapGet("", (LoginClientRegistry clients) => clients.Clients());
        group.MapPost("", Register).WithSummary("Add a login client or replace its redirect URIs (200 either way).");
        return app;
    }

    private static IResult Register(RegisterLoginClientRequest request, HttpContext context, LoginClientRegistry clients)
    {
        if (string.IsNullOrWhiteSpace(request.ClientId) || request.RedirectUris is not { Count: > 0 })
        {
            return GenesysErrors.BadRequest(context, "clientId and at least one redirect URI are required.");
        }
        if (request.RedirectUris.Select(LoginClientRegistry.RedirectUriProblem).FirstOrDefault(p => p is not null) is { } problem)
        {
            return GenesysErrors.BadRequest(context, problem);
        }

        var client = new LoginClient(request.ClientId, [.. request.RedirectUris.Distinct(StringComparer.Ordinal)]);
        clients.Upsert(client);
        return Results.Ok(client);
    }
}
