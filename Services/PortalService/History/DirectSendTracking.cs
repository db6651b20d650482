using WhatsAppGenesys.Clients.State;
using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.Contracts.Meta;
using WhatsAppGenesys.Contracts.State;

namespace WhatsAppGenesys.PortalService.History;

/// <summary>Who a message this service sent went to: a number's digits (<c>to</c>) or a BSUID, and the pipeline's customer id.</summary>
public sealed record DirectSendAddress(string? To, string? Bsuid, string CustomerId)
{
    /// <summary>From an E.164 number (<c>+…</c>) or a BSUID, as contacts and campaign recipients keep it.</summary>
    public static DirectSendAddress From(string address) =>
        address.StartsWith('+') ? new(address[1..], null, address[1..]) : new(null, address, address);

    /// <summary>Graph's <c>/messages</c> body sending an approved template here; no components when it takes no parameters.</summary>
    public MetaSendMessageRequest Template(string name, string language, IReadOnlyList<MetaTemplateComponent>? components) => new()
    {
        To = To,
        Recipient = Bsuid,
        Type = MetaSendTypes.Template,
        Template = new MetaSendTemplate
        {
            Name = name,
            Language = new MetaTemplateLanguage { Code = language },
            Components = components is { Count: > 0 } ? components : null,
        },
    };

    /// <summary>Graph's <c>/messages</c> body sending a file here as <paramref name="sendType"/> (image, video, audio or document).</summary>
    public MetaSendMessageRequest Media(string sendType, MetaSendMedia media) => new()
    {
        To = To,
        Recipient = Bsuid,
        Type = sendType,
        Image = sendType == MetaSendTypes.Image ? media : null,
        Video = sendType == MetaSendTypes.Video ? media : null,
        Audio = sendType == MetaSendTypes.Audio ? media : null,
        Document = sendType == MetaSendTypes.Document ? media : null,
    };
}

/// <summary>What the customer got, as the history keeps it: a send type and its text, file or template.</summary>
public sealed record SentContent(string Type, string? Text = null, HistoryMedia? Media = null, HistoryTemplate? Template = null);

/// <summary>
/// Makes a message this service sent straight to WhatsApp (a campaign's, an agent's template or file from the portal) as
/// traceable as one that came through the outbound pipeline: a ledger row at the state manager, as the direct send API
/// opens one, so Meta's statuses reach the history; and a row in the customer's conversation history, and so in the
/// analytics and on the agents' pages. Stored here rather than through the history pipeline because this service is
/// that pipeline's consumer. Both writes are repeatable (a message sent again after a restart finds its rows), and a
/// failure is logged, not thrown: the message went out either way.
/// </summary>
public sealed class DirectSendTracking(StateManagerClient state, MessageRecorder history, TimeProvider clock, ILogger<DirectSendTracking> logger)
{
    /// <summary>The agent who sent it, for the history (null for a campaign).</summary>
    public sealed record Sender(string AgentId, string? AgentName);

    /// <param name="storeOnlyIf">Asked in the history row's transaction before it is written (<see cref="MessageRecorder.RecordAsync"/>).</param>
    /// <returns>What became of the history row; null when the ledger row could not be opened or the row not stored.</returns>
    public async Task<HistoryRecording?> TrackAsync(string tenantId, DirectSendAddress address, string wamid, string phoneNumberId, SentContent content,
        Sender? sender, DateTimeOffset acceptedAt, CancellationToken ct, HistoryStoreCondition? storeOnlyIf = null)
    {
        Guid conversationId;
        try
        {
            var recorded = await state.RecordInConversationAsync(tenantId, new RecordInConversationRequest(
                new EnsureMappingRequest(address.CustomerId, address.To, address.Bsuid, null, phoneNumberId, null),
                MessageDirection.Outbound, wamid, clock.GetUtcNow(), WhatsAppMessageId: wamid), ct);
            conversationId = recorded.Conversation.ConversationId;
        }
        catch (HttpRequestException ex)
        {
            logger.LogWarning("Sent {Wamid} but could not open its ledger row; its statuses will not be tracked: {Reason}", wamid, ex.Message);
            return null;
        }
        try
        {
            return await history.RecordAsync(new ConversationMessageRecorded(tenantId, conversationId, address.CustomerId, address.To, address.Bsuid, phoneNumberId,
                HistoryDirections.Outbound, wamid, GenesysMessageId: null, content.Type, content.Text, content.Media,
                content.Template, Reaction: null, ReplyToMessageId: null, CustomerName: null, sender?.AgentId, sender?.AgentName, acceptedAt, ArchiveKey: null),
                ct, storeOnlyIf);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Sent {Wamid} but could not store it in the conversation history: {Reason}", wamid, ex.Message);
            return null;
        }
    }
}
