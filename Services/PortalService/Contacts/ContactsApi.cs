using Microsoft.AspNetCore.Mvc;
using WhatsAppGenesys.Clients.Tenancy;
using WhatsAppGenesys.PortalService.Consent;

namespace WhatsAppGenesys.PortalService.Contacts;

/// <summary><c>/api/v1/portal/contacts</c>: the calling tenant's contacts (the gateway names the tenant).</summary>
public static class ContactsApi
{
    public static IEndpointRouteBuilder MapContactsApi(this IEndpointRouteBuilder app)
    {
        var contacts = app.MapGroup("/api/v1/portal/contacts").RequireTenantHeader().WithTags("Contacts");

        contacts.MapGet("", async (
            [FromQuery(Name = "tag")] string[]? tags,
            [FromQuery(Name = "attribute")] string[]? attributes,
            string? consent, string? phone, string? bsuid, string? cursor, int? limit,
            HttpContext http, ContactStore store, CancellationToken ct) =>
        {
            var (filter, after, size, errors) = ContactQuery.Parse(tags, attributes, consent, phone, bsuid, cursor, limit);
            if (errors.Count > 0)
            {
                return Results.ValidationProblem(errors, title: "The query is not valid");
            }
            var page = await store.ListAsync(http.TenantId(), filter, after, size, ct);
            return Results.Ok(new Page<ContactView>(page.Items.Select(ContactView.Of).ToList(), page.NextCursor));
        })
            .WithSummary("Lists the tenant's contacts in creation order, a page at a time, filtered by tag, attribute (key:value), consent, phone and BSUID")
            .ProducesValidationProblem();

        contacts.MapGet("/{id:guid}", async (Guid id, HttpContext http, ContactStore store, CancellationToken ct) =>
            await store.FindAsync(http.TenantId(), id, ct) is { } contact ? Results.Ok(ContactView.Of(contact)) : NotFound(id))
            .WithSummary("One contact");

        contacts.MapPost("", async (ContactRequest request, HttpContext http, ContactStore store, CancellationToken ct) =>
        {
            var result = Validate(request);
            if (result.Draft is not { } draft)
            {
                return Results.ValidationProblem(result.Errors, title: "The contact is not valid");
            }
            var tenantId = http.TenantId();
            if (await store.ConflictAsync(tenantId, draft, null, ct) is { } field)
            {
                return Conflict(field);
            }
            return await store.CreateAsync(tenantId, draft, ConsentSources.Api, ct) is { } created
                ? Results.Created($"/api/v1/portal/contacts/{created.Id}", ContactView.Of(created))
                : Conflict("phone");
        })
            .WithSummary("Creates a contact, opted in to marketing (source api)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        contacts.MapPut("/{id:guid}", async (Guid id, ContactRequest request, HttpContext http, ContactStore store, CancellationToken ct) =>
        {
            var result = Validate(request);
            if (result.Draft is not { } draft)
            {
                return Results.ValidationProblem(result.Errors, title: "The contact is not valid");
            }
            var tenantId = http.TenantId();
            if (await store.ConflictAsync(tenantId, draft, id, ct) is { } field)
            {
                return Conflict(field);
            }
            var (contact, saved) = await store.ReplaceAsync(tenantId, id, draft, ct);
            return contact is null ? NotFound(id) : saved ? Results.Ok(ContactView.Of(contact)) : Conflict("phone");
        })
            .WithSummary("Replaces a contact's number, BSUID, name, attributes and tags (consent changes through opt-out and opt-in)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        contacts.MapDelete("/{id:guid}", async (Guid id, HttpContext http, ContactStore store, CancellationToken ct) =>
        {
            var tenantId = http.TenantId();
            var contact = await store.FindAsync(tenantId, id, ct);
            if (contact is null)
            {
                return NotFound(id);
            }
            if (contact.ConsentStatus == ConsentStatus.OptedOut)
            {
                return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "An opted-out contact is kept",
                    detail: "Its record is what keeps the number from being imported again as opted in and sent marketing.");
            }
            return await store.DeleteAsync(tenantId, id, ct) ? Results.NoContent() : NotFound(id);
        })
            .WithSummary("Deletes a contact with its list memberships and consent history (refused while it is opted out)")
            .ProducesProblem(StatusCodes.Status409Conflict);

        return app;
    }

    private static ContactDraftResult Validate(ContactRequest request)
    {
        string? countryCode = null;
        if (request.DefaultCountryCode is { } given && (countryCode = PhoneNumbers.ParseCountryCode(given)) is null)
        {
            return new ContactDraftResult(null, new() { ["defaultCountryCode"] = [$"'{given}' is not a country calling code."] });
        }
        return ContactDraft.Create(request.Phone, request.Bsuid, request.Name, request.Attributes, request.Tags, countryCode);
    }

    internal static IResult NotFound(Guid id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such contact", detail: $"The tenant has no contact {id}.");

    private static IResult Conflict(string field) =>
        Results.Problem(statusCode: StatusCodes.Status409Conflict, title: $"Another contact has this {field}",
            detail: $"A tenant's contacts each have their own {field}.", extensions: new Dictionary<string, object?> { ["field"] = field });
}
