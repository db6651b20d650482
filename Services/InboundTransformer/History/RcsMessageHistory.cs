using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.Contracts.Meta;
using WhatsAppGenesys.Contracts.State;
using WhatsAppGenesys.InboundTransformer.Mapping;
using WhatsAppGenesys.InboundTransformer.Mapping.Rcs;

namespace WhatsAppGenesys.InboundTransformer.History;

/// <summary>
/// An RCS customer's message and the phone's receipts of ours, as the conversation history records them. Types are
/// written in WhatsApp's words (text, button, location, image, document…) so the console shows both channels alike;
/// the channel itself is in the customer id (<c>rcs:+E.164</c>). An RCS customer has no wa_id, BSUID or phone number id.
/// </summary>
public static class RcsMessageHistory
{
    public static ConversationMessageRecorded Describe(RcsEventReceived received, RbmUserMessage message, ConversationMapping conversation,
        MediaReference? stored, DateTimeOffset occurredAt) => new(
        received.TenantId,
        conversation.ConversationId,
        received.CustomerId,
        WaId: null,
        Bsuid: null,
        PhoneNumberId: null,
        HistoryDirections.Inbound,
        message.MessageId,
        GenesysMessageId: null,
        TypeOf(message),
        RcsInboundMessageMapper.TextOf(message),
        stored is { ObjectKey: { } key }
            ? new HistoryMedia(Buckets.MediaInbound, key, stored.Mime, stored.Filename ?? message.UserFile?.Payload?.FileName, Caption: null, stored.Size)
            : null,
        Template: null,
        Reaction: null,
        ReplyToMessageId: null,
        CustomerName: null,
        AgentId: null,
        AgentName: null,
        occurredAt,
        received.ArchiveKey);

    public static ConversationMessageStatusChanged Status(string tenantId, TrackedMessage tracked, string providerMessageId, string status,
        DateTimeOffset occurredAt) =>
        new(tenantId, tracked.CustomerId, providerMessageId, status, FailureCode: null, FailureReason: null, occurredAt);

    private static string TypeOf(RbmUserMessage message) => RcsInboundMessageMapper.KindOf(message) switch
    {
        RcsInboundMessageMapper.TextKind => MetaMessageTypes.Text,
        RcsInboundMessageMapper.SuggestionResponseKind => MetaMessageTypes.Button,
        RcsInboundMessageMapper.LocationKind => MetaMessageTypes.Location,
        RcsInboundMessageMapper.UserFileKind => RcsInboundMessageMapper.TypeOf(message.UserFile!.Payload!.MimeType),
        _ => MetaMessageTypes.Unsupported,
    };
}
