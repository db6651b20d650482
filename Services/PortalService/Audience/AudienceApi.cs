using Microsoft.AspNetCore.Mvc;
using WhatsAppGenesys.Clients.Tenancy;
using WhatsAppGenesys.PortalService.Contacts;

namespace WhatsAppGenesys.PortalService.Audience;

/// <summary><c>GET /api/v1/portal/audience</c>: who a campaign to these lists and tags would reach now.</summary>
public static class AudienceApi
{
    public static IEndpointRouteBuilder MapAudienceApi(this IEndpointRouteBuilder app)
    {
        var audience = app.MapGroup("/api/v1/portal/audience").RequireTenantHeader().WithTags("Audience");

        audience.MapGet("", ([FromQuery(Name = "list")] Guid[]? lists, [FromQuery(Name = "tag")] string[]? tags,
            HttpContext http, AudienceStream stream, CancellationToken ct) =>
        {
            if (lists is not { Length: > 0 } && tags is not { Length: > 0 })
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["list"] = ["Name at least one list or tag."] },
                    title: "The audience is not valid");
            }
            if (ContactRules.CheckTags(tags) is { } tagError)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["tag"] = [tagError] }, title: "The audience is not valid");
            }
            // Written to the response as it is read, never held whole.
            return Results.Ok(stream.StreamAsync(http.TenantId(), new AudienceDefinition(lists ?? [], tags ?? []), ct: ct));
        })
            .WithSummary("Streams the opted-in contacts in any of the lists (list=…) or with any of the tags (tag=…), each once")
            .Produces<IEnumerable<AudienceMember>>()
            .ProducesValidationProblem();

        return app;
    }
}
