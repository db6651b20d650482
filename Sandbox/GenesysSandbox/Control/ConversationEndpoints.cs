using WhatsAppGenesys.GenesysSandbox.Http;
using WhatsAppGenesys.GenesysSandbox.Model;

namespace WhatsAppGenesys.GenesysSandbox.Control;

/// <summary>The simulator's agent desktop: conversations as Genesys grouped them, readable by tests.</summary>
public static class ConversationEndpoints
{
    public static IEndpointRouteBuilder MapConversationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/sandbox").WithTags("Conversations");

        group.MapGet("/conversations", List)
            .WithSummary("Conversations (optionally only a customer's: ?customerId=&integrationId=).");
        group.MapGet("/conversations/lookup", Lookup)
            .WithSummary("The full conversation of a customer id (the most recently active one if several integrations match).");
        group.MapGet("/conversations/{id:guid}", Get)
            .WithSummary("Every message of a conversation in order, with deliveries and receipts.");
        group.MapGet("/inbound-feed", (InboundFeed feed, long? after, int? limit) => feed.Read(after ?? 0, Math.Clamp(limit ?? 10_000, 1, 50_000)))
            .WithSummary("Inbound messages of every conversation in arrival order after a cursor (?after=&limit=): for the benchmark.");
        group.MapGet("/receipts/unmatched", (ConversationStore store) => store.UnmatchedReceipts())
            .WithSummary("Receipts whose id named no outbound message.");
        return app;
    }

    private static IEnumerable<ConversationSummaryView> List(ConversationStore store, string? customerId, string? integrationId)
    {
        var conversations = customerId is { Length: > 0 }
            ? store.FindByCustomer(customerId, integrationId)
            : store.All().Where(c => integrationId is null || string.Equals(c.IntegrationId, integrationId, StringComparison.OrdinalIgnoreCase));
        return conversations.Select(ConversationSummaryView.From).OrderBy(c => c.LastActivity);
    }

    private static IResult Lookup(HttpContext context, ConversationStore store, string? customerId, string? integrationId)
    {
        if (string.IsNullOrEmpty(customerId))
        {
            return GenesysErrors.BadRequest(context, "customerId is required.");
        }

        var conversation = store.FindByCustomer(customerId, integrationId).MaxBy(c => c.Summary().LastActivity);
        return conversation is null
            ? GenesysErrors.NotFound(context)
            : Results.Ok(ConversationView.From(conversation.Snapshot()));
    }

    private static IResult Get(Guid id, HttpContext context, ConversationStore store) =>
        store.Find(id) is { } conversation
            ? Results.Ok(ConversationView.From(conversation.Snapshot()))
            : GenesysErrors.NotFound(context);
}
