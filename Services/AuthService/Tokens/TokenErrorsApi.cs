using WhatsAppGenesys.Contracts.Operations;
using WhatsAppGenesys.Contracts.Tenancy;

namespace WhatsAppGenesys.AuthService.Tokens;

/// <summary>A tenant's token errors for the operator console. Public only through the gateway's operator route.</summary>
public static class TokenErrorsApi
{
    public static IEndpointRouteBuilder MapTokenErrorsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/admin/tenants/{tenantId}/token-errors", async (string tenantId, TokenErrorLog errors) =>
                TenantIds.IsValid(tenantId) ? Results.Ok(await errors.ReadAsync(tenantId)) : Results.NotFound())
            .WithTags("Admin")
            .WithSummary("Tokens the providers refused, or that could not be had, for one tenant: last 24 hours and the latest reason")
            .Produces<TokenErrorsResponse>();
        return app;
    }
}
