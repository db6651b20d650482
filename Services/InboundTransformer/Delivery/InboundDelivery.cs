using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.Contracts.Genesys;
using WhatsAppGenesys.Contracts.State;
using WhatsAppGenesys.InboundTransformer.Mapping;
using WhatsAppGenesys.InboundTransformer.Media;

namespace WhatsAppGenesys.InboundTransformer.Delivery;

/// <summary>
/// A customer's message of any channel, as <see cref="CustomerMessageDelivery"/> needs it: each channel's handler
/// reads its provider's payload into this, and the steps that follow are the same for every channel.
/// </summary>
public sealed record InboundDelivery
{
    public required string TenantId { get; init; }

    /// <summary>The state manager's customer key (<c>CustomerAddress.CustomerId</c>, or the linked one: <c>LinkedChannels</c>).</summary>
    public required string CustomerId { get; init; }

    /// <summary>The channel it came by (<c>CustomerChannel</c>): a linked conversation's replies leave by the latest one.</summary>
    public required string Channel { get; init; }

    /// <summary>The provider's message id (a wamid, RBM's messageId): the inbound ledger row's key, and Genesys's dedupe id.</summary>
    public required string MessageId { get; init; }

    /// <summary>When the customer sent it, by the provider's clock.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    public required EnsureMappingRequest Mapping { get; init; }

    /// <summary>Copies the message's file to object storage; null when the message has none.</summary>
    public Func<CancellationToken, Task<MediaOutcome>>? StoreMedia { get; init; }

    /// <summary>The Genesys body, given the stored file (null when there is none or it is gone for good).</summary>
    public required Func<MediaReference?, CancellationToken, Task<GenesysInboundMessage>> Map { get; init; }

    /// <summary>The message as the conversation history records it.</summary>
    public required Func<ConversationMapping, MediaReference?, ConversationMessageRecorded> History { get; init; }
}
