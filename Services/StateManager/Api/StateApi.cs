using WhatsAppGenesys.Clients.Tenancy;
using WhatsAppGenesys.Contracts.State;
using WhatsAppGenesys.Database;
using WhatsAppGenesys.StateManager.Conversations;
using WhatsAppGenesys.StateManager.Messages;

namespace WhatsAppGenesys.StateManager.Api;

/// <summary>The state REST API (conversation mappings and the message ledger), tenant-scoped through <see cref="TenantHeader"/>.</summary>
public static class StateApi
{
    public static IEndpointRouteBuilder MapStateApi(this IEndpointRouteBuilder app)
    {
        var state = app.MapGroup("/state").RequireTenantHeader().WithTags("State");

        state.MapGet("/mapping/{customerId}", async (string customerId, HttpContext http, ConversationStore store, CancellationToken ct) =>
            await store.FindByCustomerAsync(http.TenantId(), customerId, ct) is { } mapping
                ? Results.Ok(mapping)
                : Results.NotFound());

        state.MapPost("/mapping", async (EnsureMappingRequest request, HttpContext http, ConversationStore store, CancellationToken ct) =>
        {
            if (CustomerMissing(request.CustomerId, "customerId") is { } refusal)
            {
                return refusal;
            }
            return Results.Ok(await store.EnsureAsync(http.TenantId(), request, ct));
        });

        state.MapPut("/mapping/{customerId}/genesys-conversation", async (string customerId, GenesysConversationLink link, HttpContext http, ConversationStore store, CancellationToken ct) =>
            await store.LinkGenesysConversationAsync(http.TenantId(), customerId, link.GenesysConversationId, ct) is { } mapping
                ? Results.Ok(mapping)
                : Results.NotFound());

        state.MapGet("/conversation/{conversationId}", async (string conversationId, HttpContext http, ConversationStore store, CancellationToken ct) =>
            await store.FindByConversationAsync(http.TenantId(), conversationId, ct) is { } mapping
                ? Results.Ok(mapping)
                : Results.NotFound());

        state.MapGet("/conversation/{conversationId:guid}/messages", async (Guid conversationId, HttpContext http, MessageLedger ledger, CancellationToken ct) =>
            Results.Ok(await ledger.ListForConversationAsync(http.TenantId(), conversationId, ct)));

        state.MapPost("/message", async (RecordMessageRequest request, HttpContext http, MessageLedger ledger, CancellationToken ct) =>
        {
            if (MessageMalformed(request.Direction, request.MessageId) is { } refusal)
            {
                return refusal;
            }
            var result = await ledger.RecordAsync(http.TenantId(), request, ct);
            return Recorded(request.Direction, request.MessageId, result.Created, result);
        });

        // Both of the above in one call, for writers that resolve the conversation and record a message together.
        state.MapPost("/conversation/message", async (RecordInConversationRequest request, HttpContext http, MessageLedger ledger, CancellationToken ct) =>
        {
            if ((CustomerMissing(request.Conversation?.CustomerId, "conversation.customerId") ?? MessageMalformed(request.Direction, request.MessageId)) is { } refusal)
            {
                return refusal;
            }
            var result = await ledger.RecordInConversationAsync(http.TenantId(), request, ct);
            return Recorded(request.Direction, request.MessageId, result.Created, result);
        });

        state.MapGet("/message/{direction}/{messageId}", async (string direction, string messageId, HttpContext http, MessageLedger ledger, CancellationToken ct) =>
            await ledger.FindAsync(http.TenantId(), direction, messageId, ct) is { } message ? Results.Ok(message) : Results.NotFound());

        state.MapGet("/message/by-wamid/{wamid}", async (string wamid, HttpContext http, MessageLedger ledger, CancellationToken ct) =>
            await ledger.FindByWhatsAppIdAsync(http.TenantId(), wamid, ct) is { } message ? Results.Ok(message) : Results.NotFound());

        // A provider's status, addressed by the provider's message id: the lookup and the update in one call.
        // The statuses of concurrent requests share one transaction (ProviderStatusBatchWriter); each answers after its commit.
        state.MapPatch("/message/by-wamid/{wamid}/status", async (string wamid, UpdateMessageStatusRequest update, HttpContext http,
            GroupCommit<ProviderStatusUpdate, ProviderStatusResult?> statuses, CancellationToken ct) =>
        {
            if (StatusUnknown(update.Status) is { } refusal)
            {
                return refusal;
            }
            return await statuses.WriteAsync(new ProviderStatusUpdate(http.TenantId(), wamid, update), ct) is { } result
                ? Results.Ok(result)
                : Results.NotFound();
        });

        state.MapPatch("/message/{direction}/{messageId}/status", async (string direction, string messageId, UpdateMessageStatusRequest update, HttpContext http, MessageLedger ledger, CancellationToken ct) =>
        {
            if (StatusUnknown(update.Status) is { } refusal)
            {
                return refusal;
            }
            return await ledger.UpdateStatusAsync(http.TenantId(), direction, messageId, update, ct) is { } message
                ? Results.Ok(message)
                : Results.NotFound();
        });

        return app;
    }

    // The refusals the routes share, each naming the field it is about; null when the value is acceptable.
    private static IResult? CustomerMissing(string? customerId, string field) =>
        string.IsNullOrWhiteSpace(customerId) ? Invalid(field, "A customer id (wa_id or BSUID) is required.") : null;

    private static IResult? MessageMalformed(string direction, string messageId) =>
        direction is not (MessageDirection.Inbound or MessageDirection.Outbound) || string.IsNullOrWhiteSpace(messageId)
            ? Invalid("direction", "inbound or outbound, with a messageId.")
            : null;

    private static IResult? StatusUnknown(string status) =>
        MessageLedger.IsKnownStatus(status) ? null : Invalid("status", "received, sent, delivered, read or failed.");

    private static IResult Invalid(string field, string problem) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [problem] });

    /// <summary>201 with the row's address when this call created the ledger row, else 200 (a redelivery found it).</summary>
    private static IResult Recorded<T>(string direction, string messageId, bool created, T result) =>
        created ? Results.Created($"/state/message/{direction}/{Uri.EscapeDataString(messageId)}", result) : Results.Ok(result);
}
