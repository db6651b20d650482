using WhatsAppGenesys.GenesysSandbox.Http;
using WhatsAppGenesys.GenesysSandbox.Model;
using WhatsAppGenesys.GenesysSandbox.OpenMessaging;

namespace WhatsAppGenesys.GenesysSandbox.Users;

/// <summary>
/// The Users and Organization API a sign-in uses: <c>GET /api/v2/users/me</c> (the signed-in user; a user token
/// only), <c>GET /api/v2/users/{userId}</c> (a user of the caller's organization) and
/// <c>GET /api/v2/organizations/me</c> (the caller's organization). Nothing of another organization is ever shown.
/// </summary>
public static class UsersApiEndpoints
{
    public const string UserContextRequired =
        "This request requires a user context. Client credentials cannot be used for requests to this resource.";

    public static IEndpointRouteBuilder MapUsersApiEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v2/users/me", Me).ExcludeFromDescription();
        app.MapGet("/api/v2/users/{userId}", ById).ExcludeFromDescription();
        app.MapGet("/api/v2/organizations/me", MyOrganization).ExcludeFromDescription();
        return app;
    }

    private static IResult Me(HttpContext context, OrganizationDirectory directory)
    {
        var (token, error) = GenesysApiAuth.Authenticate(context);
        if (error is not null)
        {
            return error;
        }
        if (token!.UserId is not { } userId)
        {
            return GenesysErrors.BadRequest(context, UserContextRequired);
        }
        // Authenticate has checked the user is active; one deleted since then is answered like its token.
        return directory.FindUser(token.OrganizationId, userId) is { } user
            ? Results.Json(GenesysUser.From(user, directory.Find(user.OrganizationId), UserExpansions.Read(context.Request)), SandboxJson.Options)
            : GenesysErrors.AuthenticationRequired(context);
    }

    private static IResult ById(string userId, HttpContext context, OrganizationDirectory directory)
    {
        var (token, error) = GenesysApiAuth.Authenticate(context);
        if (error is not null)
        {
            return error;
        }
        return directory.FindUser(token!.OrganizationId, userId) is { } user
            ? Results.Json(GenesysUser.From(user, directory.Find(user.OrganizationId), UserExpansions.Read(context.Request)), SandboxJson.Options)
            : GenesysErrors.NotFound(context);
    }

    private static IResult MyOrganization(HttpContext context, OrganizationDirectory directory)
    {
        var (token, error) = GenesysApiAuth.Authenticate(context);
        if (error is not null)
        {
            return error;
        }
        return directory.Find(token!.OrganizationId) is { } organization
            ? Results.Json(GenesysOrganization.From(organization), SandboxJson.Options)
            : GenesysErrors.NotFound(context);
    }
}
