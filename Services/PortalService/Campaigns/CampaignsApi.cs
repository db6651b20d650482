using WhatsAppGenesys.Clients.Tenancy;
using WhatsAppGenesys.PortalService.Analytics;
using WhatsAppGenesys.PortalService.Contacts;

namespace WhatsAppGenesys.PortalService.Campaigns;

/// <summary><c>/api/v1/portal/campaigns</c>: the calling tenant's template campaigns, their progress and their recipients.</summary>
public static class CampaignsApi
{
    public static IEndpointRouteBuilder MapCampaignsApi(this IEndpointRouteBuilder app)
    {
        var campaigns = app.MapGroup("/api/v1/portal/campaigns").RequireTenantHeader().WithTags("Campaigns");

        campaigns.MapPost("", async (CreateCampaignRequest request, HttpContext http, CampaignCreation creation, CampaignWakeUp scheduler,
            CancellationToken ct) =>
        {
            var result = await creation.CreateAsync(http.TenantId(), request, ct);
            if (result.Campaign is not { } campaign)
            {
                return result.Unprocessable
                    ? Results.ValidationProblem(result.Errors, statusCode: StatusCodes.Status422UnprocessableEntity, title: "The template cannot be sent with this mapping")
                    : Results.ValidationProblem(result.Errors, title: "The campaign is not valid");
            }
            scheduler.Signal();
            return Results.Created($"/api/v1/portal/campaigns/{campaign.Id}", CampaignView.Of(campaign));
        })
            .WithSummary("Creates a campaign: an APPROVED template, parameters from contact attributes, lists and tags, and a start (now, or a local time in an IANA time zone)")
            .Produces<CampaignView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        campaigns.MapGet("", async (string? status, string? cursor, int? limit, HttpContext http, CampaignStore store, CancellationToken ct) =>
        {
            var errors = Cursor.Check(cursor, limit, out var before);
            if (status is not null && !new[] { CampaignStatuses.Scheduled, CampaignStatuses.Running, CampaignStatuses.Paused, CampaignStatuses.Completed, CampaignStatuses.Cancelled }.Contains(status))
            {
                errors["status"] = ["scheduled, running, paused, completed or cancelled."];
            }
            if (errors.Count > 0)
            {
                return Results.ValidationProblem(errors, title: "The query is not valid");
            }
            var page = await store.ListAsync(http.TenantId(), status, before, limit ?? Cursor.DefaultLimit, ct);
            return Results.Ok(new Page<CampaignView>(page.Items.Select(c => CampaignView.Of(c)).ToList(), page.NextCursor));
        })
            .WithSummary("The tenant's campaigns, newest first, a page at a time")
            .Produces<Page<CampaignView>>()
            .ProducesValidationProblem();

        campaigns.MapGet("/{id:guid}", async (Guid id, HttpContext http, CampaignStore store, CampaignFunnelReader funnel, CancellationToken ct) =>
        {
            var tenantId = http.TenantId();
            return await store.FindAsync(tenantId, id, ct) is { } campaign
                ? Results.Ok(CampaignView.Of(campaign, await store.CountsAsync(tenantId, id, ct), await funnel.ReadAsync(tenantId, id, ct)))
                : NotFound(id);
        })
            .WithSummary("One campaign with its recipients counted per state, its funnel (targeted, sent, delivered, read, replied, opted out), and why it waits if it does")
            .Produces<CampaignView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        campaigns.MapGet("/{id:guid}/recipients", async (Guid id, string? state, string? cursor, int? limit, HttpContext http, CampaignStore store, CancellationToken ct) =>
        {
            var errors = Cursor.Check(cursor, limit, out var after);
            if (state is not null && !RecipientStates.All.Contains(state))
            {
                errors["state"] = [$"One of {string.Join(", ", RecipientStates.All)}."];
            }
            if (errors.Count > 0)
            {
                return Results.ValidationProblem(errors, title: "The query is not valid");
            }
            var tenantId = http.TenantId();
            if (await store.FindAsync(tenantId, id, ct) is null)
            {
                return NotFound(id);
            }
            var page = await store.RecipientsAsync(tenantId, id, state, after, limit ?? Cursor.DefaultLimit, ct);
            return Results.Ok(new Page<CampaignRecipientView>(page.Items.Select(CampaignRecipientView.Of).ToList(), page.NextCursor));
        })
            .WithSummary("The campaign's recipients in contact order, a page at a time; state= filters")
            .Produces<Page<CampaignRecipientView>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        MapTransition(campaigns, "pause", "Stops sending until resumed (a send under way completes)", (store, tenantId, id, ct) => store.PauseAsync(tenantId, id, ct));
        MapTransition(campaigns, "resume", "Sends again from where the campaign stopped", (store, tenantId, id, ct) => store.ResumeAsync(tenantId, id, ct));
        MapTransition(campaigns, "cancel", "Ends the campaign; recipients not sent yet are skipped", (store, tenantId, id, ct) => store.CancelAsync(tenantId, id, ct));

        return app;
    }

    private static void MapTransition(RouteGroupBuilder campaigns, string action, string summary, Func<CampaignStore, string, Guid, CancellationToken, Task<bool>> apply) =>
        campaigns.MapPost($"/{{id:guid}}/{action}", async (Guid id, HttpContext http, CampaignStore store, CampaignWakeUp scheduler, CancellationToken ct) =>
        {
            var tenantId = http.TenantId();
            if (await store.FindAsync(tenantId, id, ct) is not { } before)
            {
                return NotFound(id);
            }
            if (!await apply(store, tenantId, id, ct))
            {
                return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: $"The campaign cannot {action}",
                    detail: $"It is {before.Status}.");
            }
            // A resumed campaign is due again, so the scheduler looks now rather than at its next poll (after a pause
            // or a cancel the look finds nothing new).
            scheduler.Signal();
            var campaign = (await store.FindAsync(tenantId, id, ct))!;
            return Results.Ok(CampaignView.Of(campaign, await store.CountsAsync(tenantId, id, ct)));
        })
            .WithSummary(summary)
            .Produces<CampaignView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static IResult NotFound(Guid id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such campaign", detail: $"The tenant has no campaign {id}.");
}
