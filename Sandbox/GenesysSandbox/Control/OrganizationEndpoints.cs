using WhatsAppGenesys.GenesysSandbox.Http;
using WhatsAppGenesys.GenesysSandbox.Model;

namespace WhatsAppGenesys.GenesysSandbox.Control;

/// <summary>
/// Organizations and their users. Organizations come from client registration (POST /sandbox/integrations); users are
/// put into an existing one. A deleted user is gone: Genesys answers 404 for it and its tokens stop working.
/// </summary>
public static class OrganizationEndpoints
{
    public static IEndpointRouteBuilder MapOrganizationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/sandbox/organizations").WithTags("Organizations");

        group.MapGet("", List).WithSummary("Organizations with their client ids and user counts.");
        group.MapGet("/{orgId}/users", (string orgId, HttpContext context, OrganizationDirectory directory) =>
            directory.Find(orgId) is null
                ? GenesysErrors.NotFound(context)
                : Results.Ok(directory.Users(orgId).Select(UserView.From)));
        group.MapPut("/{orgId}/users/{userId}", PutUser).WithSummary("Create or replace a user.");
        group.MapDelete("/{orgId}/users/{userId}", (string orgId, string userId, HttpContext context, OrganizationDirectory directory) =>
            directory.Delete(orgId, userId) ? Results.NoContent() : GenesysErrors.NotFound(context));
        return app;
    }

    private static IEnumerable<OrganizationView> List(OrganizationDirectory directory, IntegrationRegistry registry)
    {
        var clients = registry.Clients().ToLookup(c => c.OrganizationId, c => c.ClientId, StringComparer.OrdinalIgnoreCase);
        return directory.Organizations().Select(o =>
            new OrganizationView(o.Id, o.Name, [.. clients[o.Id].Order(StringComparer.Ordinal)], directory.Users(o.Id).Count()));
    }

    private static IResult PutUser(string orgId, string userId, PutUserRequest request, HttpContext context, OrganizationDirectory directory)
    {
        if (string.IsNullOrWhiteSpace(request.Name) || string.IsNullOrWhiteSpace(request.Email))
        {
            return GenesysErrors.BadRequest(context, "name and email are required.");
        }
        var state = request.State ?? DirectoryUser.Active;
        if (state is not (DirectoryUser.Active or DirectoryUser.Inactive))
        {
            return GenesysErrors.BadRequest(context, "state must be \"active\" or \"inactive\".");
        }
        if (request.Roles?.Any(string.IsNullOrWhiteSpace) == true)
        {
            return GenesysErrors.BadRequest(context, "role names must not be empty.");
        }

        var roles = (request.Roles ?? []).Distinct(StringComparer.Ordinal).Select(Role.Named).ToList();
        var user = new DirectoryUser(userId, directory.Find(orgId)?.Id ?? orgId, request.Name, request.Email, roles, state);
        return directory.Put(user) switch
        {
            PutUserResult.UnknownOrganization => GenesysErrors.NotFound(context),
            PutUserResult.IdTakenByAnotherOrganization => GenesysErrors.Result(context, 409, "conflict",
                $"User id {userId} belongs to another organization; user ids are unique across organizations."),
            _ => Results.Ok(UserView.From(user)),
        };
    }
}
