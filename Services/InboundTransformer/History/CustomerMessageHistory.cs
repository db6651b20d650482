using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.Contracts.Meta;
using WhatsAppGenesys.Contracts.State;
using WhatsAppGenesys.InboundTransformer.Mapping;

namespace WhatsAppGenesys.InboundTransformer.History;

/// <summary>A customer's message as the conversation history records it, from what the handler already has in hand.</summary>
public static class CustomerMessageHistory
{
    public static ConversationMessageRecorded Describe(WhatsAppEventReceived received, MetaMessage message, MetaContact? contact,
        ConversationMapping conversation, MediaReference? stored, DateTimeOffset occurredAt) => new(
        received.TenantId,
        conversation.ConversationId,
        received.CustomerId,
        message.From ?? contact?.WaId ?? conversation.WaId,
        message.FromUserId ?? contact?.UserId ?? conversation.Bsuid,
        received.PhoneNumberId,
        HistoryDirections.Inbound,
        message.Id,
        GenesysMessageId: null,
        message.Type,
        TextOf(message),
        MediaOf(message, stored),
        Template: null,
        message.Reaction is { MessageId: { Length: > 0 } target } reaction ? new HistoryReaction(reaction.Emoji, target) : null,
        message.Context?.Id,
        contact?.Profile?.Name ?? received.ContactName,
        AgentId: null,
        AgentName: null,
        occurredAt,
        received.ArchiveKey);

    /// <summary>The words of the message, for reading and searching; a media caption is kept with the media instead.</summary>
    public static string? TextOf(MetaMessage message) => message.Type switch
    {
        MetaMessageTypes.Text => message.Text?.Body,
        MetaMessageTypes.Button => message.Button?.Text,
        MetaMessageTypes.Interactive => message.Interactive?.ButtonReply?.Title ?? message.Interactive?.ListReply?.Title
            ?? message.Interactive?.NfmReply?.Body,
        MetaMessageTypes.Location when message.Location is { } location => InboundTextFormatter.Location(location),
        MetaMessageTypes.Contacts when message.Contacts is { Count: > 0 } contacts => InboundTextFormatter.Contacts(contacts),
        MetaMessageTypes.Order => message.Order?.Text,
        MetaMessageTypes.System => message.System?.Body,
        _ => null,
    };

    private static HistoryMedia? MediaOf(MetaMessage message, MediaReference? stored) =>
        stored is { ObjectKey: { } key }
            ? new HistoryMedia(Buckets.MediaInbound, key, stored.Mime, stored.Filename ?? message.Media?.Filename, message.Media?.Caption, stored.Size)
            : null;
}
