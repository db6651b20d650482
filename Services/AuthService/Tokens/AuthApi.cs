using Microsoft.AspNetCore.Mvc;
using WhatsAppGenesys.Contracts.Tenancy;
using WhatsAppGenesys.ServiceDefaults;

namespace WhatsAppGenesys.AuthService.Tokens;

/// <summary>Token endpoints for our own services (the Genesys, WhatsApp and RCS API services). Tenant from X-Tenant-ID.</summary>
public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/auth").WithTags("Tokens");

        auth.MapGet("/token", GetToken<GenesysTokenSource>)
            .WithSummary("A valid Genesys access token for the tenant (Redis, else one client-credentials exchange)")
            .Produces<AccessTokenResponse>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status502BadGateway).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        auth.MapPost("/token/invalidate", Invalidate<GenesysTokenSource>)
            .WithSummary("Genesys answered 401: drop the cached token (only the rejected one, if given)")
            .Produces(StatusCodes.Status204NoContent);
        auth.MapGet("/whatsapp/token", GetToken<WhatsAppTokenSource>)
            .WithSummary("The tenant's WhatsApp system-user token (cached 24 h)")
            .Produces<AccessTokenResponse>().ProducesValidationProblem();
        auth.MapPost("/whatsapp/token/invalidate", Invalidate<WhatsAppTokenSource>)
            .WithSummary("Meta rejected the token: drop the cached copy")
            .Produces(StatusCodes.Status204NoContent);
        auth.MapGet("/rcs/token", GetToken<RcsTokenSource>)
            .WithSummary("A valid RCS provider access token for the tenant (Redis, else its refresh token, else one client-credentials exchange)")
            .Produces<AccessTokenResponse>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status502BadGateway).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        auth.MapPost("/rcs/token/invalidate", Invalidate<RcsTokenSource>)
            .WithSummary("The RCS provider answered 401 or 403: drop the cached access token (only the rejected one, if given); the refresh token stays")
            .Produces(StatusCodes.Status204NoContent);
        return app;
    }

    private static async Task<IResult> GetToken<TSource>(
        [FromHeader(Name = TenancyHeaders.TenantId)] string? tenantId,
        DistributedTokenCache<TSource> tokens,
        ILogger<DistributedTokenCache<TSource>> logger,
        CancellationToken cancellationToken)
        where TSource : ITokenSource
    {
        if (InvalidTenant(tenantId) is { } invalid)
        {
            return invalid;
        }
        using var scope = logger.BeginTenantScope(tenantId!);
        try
        {
            return TypedResults.Ok(await tokens.GetAsync(tenantId!, cancellationToken));
        }
        catch (TokenFailureException failure)
        {
            logger.LogWarning("No token for tenant {TenantId}: {Reason}", tenantId, failure.Message);
            return failure.ToProblem();
        }
    }

    private static async Task<IResult> Invalidate<TSource>(
        [FromHeader(Name = TenancyHeaders.TenantId)] string? tenantId,
        InvalidateTokenRequest? request,
        DistributedTokenCache<TSource> tokens)
        where TSource : ITokenSource
    {
        if (InvalidTenant(tenantId) is { } invalid)
        {
            return invalid;
        }
        await tokens.InvalidateAsync(tenantId!, request?.RejectedToken);
        return TypedResults.NoContent();
    }

    private static IResult? InvalidTenant(string? tenantId) => TenantIds.IsValid(tenantId)
        ? null
        : TypedResults.ValidationProblem(new Dictionary<string, string[]>
        {
            [TenancyHeaders.TenantId] = ["A tenant id header is required (lower-case letters, digits and '-')."],
        });
}
