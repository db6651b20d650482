using WhatsAppGenesys.Clients.Tenancy;
using WhatsAppGenesys.PortalService.Contacts;

namespace WhatsAppGenesys.PortalService.Lists;

/// <summary><c>/api/v1/portal/lists</c>: the calling tenant's static and dynamic contact lists.</summary>
public static class ListsApi
{
    public static IEndpointRouteBuilder MapListsApi(this IEndpointRouteBuilder app)
    {
        var lists = app.MapGroup("/api/v1/portal/lists").RequireTenantHeader().WithTags("Lists");

        lists.MapGet("", async (string? cursor, int? limit, HttpContext http, ListStore store, CancellationToken ct) =>
        {
            var errors = Cursor.Check(cursor, limit, out var after);
            if (errors.Count > 0)
            {
                return Results.ValidationProblem(errors, title: "The query is not valid");
            }
            var page = await store.ListAsync(http.TenantId(), after, limit ?? Cursor.DefaultLimit, ct);
            return Results.Ok(new Page<ListView>(page.Items.Select(ListView.Of).ToList(), page.NextCursor));
        })
            .WithSummary("Lists the tenant's contact lists in creation order, a page at a time")
            .ProducesValidationProblem();

        lists.MapGet("/{id:guid}", async (Guid id, HttpContext http, ListStore store, CancellationToken ct) =>
            await store.FindAsync(http.TenantId(), id, ct) is { } list ? Results.Ok(ListView.Of(list)) : NotFound(id))
            .WithSummary("One list");

        lists.MapPost("", async (ListRequest request, HttpContext http, ListStore store, CancellationToken ct) =>
        {
            if (request.Validate(out var kind) is { Count: > 0 } errors)
            {
                return Results.ValidationProblem(errors, title: "The list is not valid");
            }
            return await store.SaveAsync(http.TenantId(), null, request, kind, ct) is { } list
                ? Results.Created($"/api/v1/portal/lists/{list.Id}", ListView.Of(list))
                : NameTaken(request.Name!);
        })
            .WithSummary("Creates a list: static (members added to it) or dynamic (contacts with all its tags and attribute values)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        lists.MapPut("/{id:guid}", async (Guid id, ListRequest request, HttpContext http, ListStore store, CancellationToken ct) =>
        {
            if (request.Validate(out var kind) is { Count: > 0 } errors)
            {
                return Results.ValidationProblem(errors, title: "The list is not valid");
            }
            var tenantId = http.TenantId();
            if (await store.FindAsync(tenantId, id, ct) is null)
            {
                return NotFound(id);
            }
            return await store.SaveAsync(tenantId, id, request, kind, ct) is { } list ? Results.Ok(ListView.Of(list)) : NameTaken(request.Name!);
        })
            .WithSummary("Renames a list or changes its filter (a static list made dynamic loses its members)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        lists.MapDelete("/{id:guid}", async (Guid id, HttpContext http, ListStore store, CancellationToken ct) =>
            await store.DeleteAsync(http.TenantId(), id, ct) ? Results.NoContent() : NotFound(id))
            .WithSummary("Deletes a list (its contacts stay)");

        lists.MapGet("/{id:guid}/members", async (Guid id, string? cursor, int? limit, HttpContext http, ListStore store, CancellationToken ct) =>
        {
            var errors = Cursor.Check(cursor, limit, out var after);
            if (errors.Count > 0)
            {
                return Results.ValidationProblem(errors, title: "The query is not valid");
            }
            if (await store.FindAsync(http.TenantId(), id, ct) is not { } list)
            {
                return NotFound(id);
            }
            var page = await store.MembersAsync(list, after, limit ?? Cursor.DefaultLimit, ct);
            return Results.Ok(new Page<ContactView>(page.Items.Select(ContactView.Of).ToList(), page.NextCursor));
        })
            .WithSummary("The list's members in creation order, a page at a time: those added (static) or those matching now (dynamic)")
            .ProducesValidationProblem();

        lists.MapPost("/{id:guid}/members", async (Guid id, ListMembersRequest request, HttpContext http, ListStore store, CancellationToken ct) =>
        {
            if (request.ContactIds is not { Count: > 0 and <= ListMembersRequest.MaxPerRequest })
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["contactIds"] = [$"Between 1 and {ListMembersRequest.MaxPerRequest} contact ids."] },
                    title: "The request is not valid");
            }
            if (await store.FindAsync(http.TenantId(), id, ct) is not { } list)
            {
                return NotFound(id);
            }
            if (list.Kind != ContactListKinds.Static)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["contactIds"] = ["A dynamic list's members are the contacts matching it; add tags or attributes to them instead."] },
                    title: "The list is dynamic");
            }
            var unknown = await store.AddMembersAsync(list, request.ContactIds, ct);
            return unknown.Count == 0
                ? Results.NoContent()
                : Results.ValidationProblem(new Dictionary<string, string[]> { ["contactIds"] = [.. unknown.Select(u => $"{u} is not a contact of the tenant.")] },
                    title: "Some contacts were not added");
        })
            .WithSummary("Adds contacts to a static list (already members stay members)")
            .ProducesValidationProblem();

        lists.MapDelete("/{id:guid}/members/{contactId:guid}", async (Guid id, Guid contactId, HttpContext http, ListStore store, CancellationToken ct) =>
        {
            if (await store.FindAsync(http.TenantId(), id, ct) is not { } list)
            {
                return NotFound(id);
            }
            return await store.RemoveMemberAsync(list, contactId, ct)
                ? Results.NoContent()
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not a member", detail: $"{contactId} is not in list {id}.");
        })
            .WithSummary("Removes a contact from a static list");

        return app;
    }

    private static IResult NotFound(Guid id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such list", detail: $"The tenant has no list {id}.");

    private static IResult NameTaken(string name) =>
        Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Another list has this name", detail: $"The tenant already has a list named '{name.Trim()}'.");
}
