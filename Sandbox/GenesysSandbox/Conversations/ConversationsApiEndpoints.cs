using System.Globalization;
using WhatsAppGenesys.GenesysSandbox.Http;
using WhatsAppGenesys.GenesysSandbox.Model;
using WhatsAppGenesys.GenesysSandbox.OpenMessaging;

namespace WhatsAppGenesys.GenesysSandbox.Conversations;

/// <summary>
/// The part of Genesys's Conversations API a middleware uses to end a messaging interaction (the forum's answer to
/// "how do I close the conversation from the middleware?"): read the conversation to find the participant, then
/// <c>PATCH …/participants/{participantId}</c> with <c>{"state":"disconnected"}</c>, answered 202 Accepted.
/// A conversation of another organization (another OAuth client here) is 404, as Genesys shows nothing across orgs.
/// </summary>
public static class ConversationsApiEndpoints
{
    public static IEndpointRouteBuilder MapConversationsApiEndpoints(this IEndpointRouteBuilder app)
    {
        var conversations = app.MapGroup("/api/v2/conversations/messages/{conversationId:guid}").ExcludeFromDescription();
        conversations.MapGet("", GetConversation);
        conversations.MapPatch("/participants/{participantId}", PatchParticipant);
        return app;
    }

    private static IResult GetConversation(Guid conversationId, HttpContext context, ConversationStore store)
    {
        var (conversation, error) = Authorize(context, store, conversationId);
        return error ?? Results.Json(MessageConversation.From(conversation!.Snapshot()), SandboxJson.Options);
    }

    private static async Task<IResult> PatchParticipant(Guid conversationId, string participantId, HttpContext context,
        ConversationStore store, TimeProvider time)
    {
        var (conversation, error) = Authorize(context, store, conversationId);
        if (error is not null)
        {
            return error;
        }
        if (!Guid.TryParse(participantId, out var id) || conversation!.FindParticipant(id) is not { } participant)
        {
            return GenesysErrors.NotFound(context);
        }

        var (request, bodyError) = await JsonBody.ReadAsync<MediaParticipantRequest>(context);
        if (bodyError is not null)
        {
            return bodyError;
        }
        // The simulator implements the state change a middleware makes; the other fields (wrap-up, hold, mute,
        // recording) belong to agent desktops and are refused rather than silently ignored.
        if (!string.Equals(request!.State, "disconnected", StringComparison.Ordinal))
        {
            return GenesysErrors.BadRequest(context,
                $"The simulator supports only state \"disconnected\" on a messaging participant; got {(request.State is null ? "no state" : $"\"{request.State}\"")}.");
        }

        lock (conversation.Gate)
        {
            // Disconnecting a participant that already left changes nothing; Genesys accepts the request all the same.
            conversation.DisconnectLocked(participant, time.GetUtcNow());
        }
        return Results.StatusCode(StatusCodes.Status202Accepted);
    }

    private static (Conversation? Conversation, IResult? Error) Authorize(HttpContext context, ConversationStore store, Guid conversationId)
    {
        var (token, error) = GenesysApiAuth.Authenticate(context);
        if (error is not null)
        {
            return (null, error);
        }
        var registry = context.RequestServices.GetRequiredService<IntegrationRegistry>();
        if (store.Find(conversationId) is not { } conversation
            || !registry.TryGetIntegration(conversation.IntegrationId, out var integration)
            || !GenesysApiAuth.Owns(token!, integration))
        {
            return (null, GenesysErrors.NotFound(context));
        }
        return (conversation, null);
    }
}

/// <summary>The fields of Genesys's MediaParticipantRequest a middleware sends.</summary>
public sealed record MediaParticipantRequest(string? State);

/// <summary>Genesys's MessageConversation, with the participant fields a middleware reads.</summary>
public sealed record MessageConversation(string Id, IReadOnlyList<MessageMediaParticipant> Participants, string SelfUri)
{
    public static MessageConversation From(ConversationSnapshot snapshot) => new(
        snapshot.Conversation.Id.ToString(),
        [.. snapshot.Participants.Select(p => MessageMediaParticipant.From(p, snapshot.Customer))],
        $"/api/v2/conversations/messages/{snapshot.Conversation.Id}");
}

public sealed record MessageMediaParticipant(
    string Id,
    string? Name,
    string? Address,
    string StartTime,
    string ConnectedTime,
    string? EndTime,
    string Purpose,
    string State,
    string Direction,
    string? DisconnectType,
    bool Held,
    bool WrapupRequired,
    string Type)
{
    public static MessageMediaParticipant From(ParticipantSnapshot participant, Customer customer)
    {
        var isCustomer = participant.Purpose == ParticipantPurpose.Customer;
        return new MessageMediaParticipant(
            participant.Id.ToString(),
            isCustomer ? customer.Nickname ?? customer.Id : "Sandbox Agent",
            isCustomer ? customer.Id : null,
            Time(participant.StartTime),
            Time(participant.StartTime),
            participant.EndTime is { } end ? Time(end) : null,
            participant.Purpose,
            participant.State,
            "inbound",
            participant.EndTime is null ? null : "client",
            Held: false,
            WrapupRequired: false,
            Type: "Open");
    }

    private static string Time(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
