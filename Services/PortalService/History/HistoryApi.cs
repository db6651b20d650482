using WhatsAppGenesys.Clients.Tenancy;

namespace WhatsAppGenesys.PortalService.History;

/// <summary>
/// <c>/api/v1/portal/…</c>: the calling tenant's conversation history (the gateway names the tenant). Pages are
/// keyset-paged by an opaque cursor; a conversation or customer the tenant does not have is a 404, whoever has it.
/// </summary>
public static class HistoryApi
{
    public static IEndpointRouteBuilder MapConversationHistoryApi(this IEndpointRouteBuilder app)
    {
        var portal = app.MapGroup("/api/v1/portal").RequireTenantHeader().WithTags("Conversation history");

        portal.MapGet("/conversations/{conversationId}/messages", async (string conversationId, string? cursor, string? limit,
            HttpContext http, HistoryReader reader, CancellationToken ct) =>
        {
            var query = new HistoryQueryParameters();
            var after = query.Cursor(cursor);
            var size = query.Limit(limit);
            if (!Guid.TryParse(conversationId, out var id))
            {
                query.Errors["conversationId"] = ["A conversation id (a UUID)."];
            }
            if (!query.IsValid)
            {
                return Results.ValidationProblem(query.Errors, title: "The request is not valid");
            }
            return await reader.ConversationAsync(http.TenantId(), id, after, size, ct) is { } page
                ? Results.Ok(page)
                : Results.Problem(statusCode: 404, title: "No such conversation", detail: "This tenant has no conversation with that id.");
        })
        .WithSummary("A conversation's messages, oldest first, with content, media links and statuses")
        .Produces<HistoryPage>()
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound);

        portal.MapGet("/customers/{customer}/messages", async (string customer, string? cursor, string? limit,
            HttpContext http, HistoryReader reader, CancellationToken ct) =>
        {
            var query = new HistoryQueryParameters();
            var after = query.Cursor(cursor);
            var size = query.Limit(limit);
            var key = query.Customer("customer", customer);
            if (!query.IsValid)
            {
                return Results.ValidationProblem(query.Errors, title: "The request is not valid");
            }
            return await reader.CustomerAsync(http.TenantId(), key!, after, size, ct) is { } page
                ? Results.Ok(page)
                : Results.Problem(statusCode: 404, title: "No such customer", detail: "This tenant has no history with that customer.");
        })
        .WithSummary("A customer's messages across all their conversations, oldest first (customer: E.164 number, wa_id or BSUID)")
        .Produces<HistoryPage>()
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound);

        portal.MapGet("/messages", async (string? customer, string? text, string? from, string? to, string? cursor, string? limit,
            HttpContext http, HistoryReader reader, CancellationToken ct) =>
        {
            var query = new HistoryQueryParameters();
            var search = new HistorySearch(query.Customer("customer", customer), query.SearchText(text),
                query.Instant("from", from), query.Instant("to", to));
            query.Range(search.From, search.To);
            var before = query.Cursor(cursor);
            var size = query.Limit(limit);
            return query.IsValid
                ? Results.Ok(await reader.SearchAsync(http.TenantId(), search, before, size, ct))
                : Results.ValidationProblem(query.Errors, title: "The request is not valid");
        })
        .WithSummary("Searches the history, newest first: by customer, by words in text or captions (case-insensitive substring), by time [from, to)")
        .Produces<HistoryPage>()
        .ProducesValidationProblem();

        portal.MapDelete("/customers/{customer}/history", async (string customer, HttpContext http, CustomerErasure erasure, CancellationToken ct) =>
        {
            var query = new HistoryQueryParameters();
            var key = query.Customer("customer", customer);
            if (!query.IsValid)
            {
                return Results.ValidationProblem(query.Errors, title: "The request is not valid");
            }
            return Results.Ok(await erasure.EraseAsync(http.TenantId(), key!, ErasureRequester.Of(http), ct));
        })
        .WithSummary("Erases a customer (right to be forgotten): messages, statuses, media, raw webhooks, contact and consent history; leaves an audit row without content")
        .Produces<ErasureResult>()
        .ProducesValidationProblem();

        portal.MapGet("/erasures", async (string? customer, string? before, string? limit, HttpContext http, ErasureAuditLog audit, CancellationToken ct) =>
        {
            var query = new HistoryQueryParameters();
            var key = query.Customer("customer", customer);
            var size = query.Limit(limit);
            long? older = null;
            if (before is not null)
            {
                if (long.TryParse(before, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
                {
                    older = id;
                }
                else
                {
                    query.Errors["before"] = ["An audit id, as nextBefore gave it."];
                }
            }
            if (!query.IsValid)
            {
                return Results.ValidationProblem(query.Errors, title: "The request is not valid");
            }
            var tenantId = http.TenantId();
            return Results.Ok(await audit.ListAsync(tenantId, key is null ? null : CustomerErasure.HashOf(tenantId, key), older, size, ct));
        })
        .WithSummary("The erasure audit, newest first: who asked, when and how much went (optionally for one customer, matched by hash)")
        .Produces<ErasureAuditPage>()
        .ProducesValidationProblem();

        return app;
    }
}
