using Microsoft.EntityFrameworkCore;
using WhatsAppGenesys.Clients.Tenancy;
using WhatsAppGenesys.PortalService.Contacts;
using WhatsAppGenesys.PortalService.Data;

namespace WhatsAppGenesys.PortalService.Consent;

/// <summary>Opting a contact out or in from the console, and its consent history.</summary>
public static class ConsentApi
{
    public const int MaxHistory = 500;

    public static IEndpointRouteBuilder MapConsentApi(this IEndpointRouteBuilder app)
    {
        var contacts = app.MapGroup("/api/v1/portal/contacts/{id:guid}").RequireTenantHeader().WithTags("Consent");

        contacts.MapPost("/opt-out", (Guid id, ConsentChangeRequest? request, HttpContext http, PortalDbContext db, ConsentRecorder recorder, CancellationToken ct) =>
            ChangeAsync(id, optIn: false, request, http, db, recorder, ct))
            .WithSummary("Opts the contact out of marketing (recorded with source api)")
            .ProducesValidationProblem();

        contacts.MapPost("/opt-in", (Guid id, ConsentChangeRequest? request, HttpContext http, PortalDbContext db, ConsentRecorder recorder, CancellationToken ct) =>
            ChangeAsync(id, optIn: true, request, http, db, recorder, ct))
            .WithSummary("Opts the contact in to marketing, re-subscribing it if it had opted out (recorded with source api)")
            .ProducesValidationProblem();

        contacts.MapGet("/consent-history", async (Guid id, HttpContext http, ContactStore store, ConsentRecorder recorder, CancellationToken ct) =>
        {
            var tenantId = http.TenantId();
            if (await store.FindAsync(tenantId, id, ct) is null)
            {
                return ContactsApi.NotFound(id);
            }
            var history = await recorder.HistoryAsync(tenantId, id, MaxHistory, ct);
            return Results.Ok(history.Select(ConsentEventView.Of).ToList());
        })
            .WithSummary($"The contact's opt-ins, opt-outs and re-subscriptions, newest first (the last {MaxHistory})");

        return app;
    }

    private static async Task<IResult> ChangeAsync(
        Guid id, bool optIn, ConsentChangeRequest? request, HttpContext http, PortalDbContext db, ConsentRecorder recorder, CancellationToken ct)
    {
        if (request?.Note is { Length: > 256 })
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["note"] = ["At most 256 characters."] }, title: "The request is not valid");
        }
        var tenantId = http.TenantId();
        var contact = await db.Contacts.FirstOrDefaultAsync(c => c.TenantId == tenantId && c.Id == id, ct);
        if (contact is null)
        {
            return ContactsApi.NotFound(id);
        }
        await recorder.RecordAsync(contact, optIn, ConsentSources.Api, messageId: null, request?.Note, ct);
        return Results.Ok(ContactView.Of(contact));
    }
}

/// <summary>Optional body of opt-out and opt-in: why, in the business's words.</summary>
public sealed record ConsentChangeRequest(string? Note);

public sealed record ConsentEventView(string Action, string Source, string? MessageId, string? Note, DateTimeOffset OccurredAt, DateTimeOffset? AcknowledgedAt)
{
    public static ConsentEventView Of(ConsentEvent e) => new(e.Action, e.Source, e.MessageId, e.Note, e.OccurredAt, e.AcknowledgedAt);
}
