using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.Contracts.Genesys;
using WhatsAppGenesys.Contracts.Meta;
using WhatsAppGenesys.Contracts.State;

namespace WhatsAppGenesys.InboundTransformer.Delivery;

/// <summary>
/// A provider's report on one of our messages, whatever the channel (a Meta status, an RBM DELIVERED or READ), in the
/// ledger's words (<see cref="MetaStatusValues"/>: sent, delivered, read, failed). Each channel reads its own
/// payload into this; recording it and turning it into a Genesys receipt is the same for every channel.
/// </summary>
/// <param name="ProviderMessageId">The provider's id of the message (the ledger's <c>wamid</c> column, for either channel).</param>
/// <param name="Reason">Why a failed message failed, in the provider's words.</param>
/// <param name="Receipt">The Genesys receipt for a status (given in the ledger's words) and a Genesys message id; null when Genesys has none for it.</param>
/// <param name="History">The status as the conversation history records it, for the ledger row it is about.</param>
public sealed record ProviderStatus(
    string ProviderMessageId,
    string Status,
    string? Reason,
    DateTimeOffset OccurredAt,
    Func<string, string, GenesysInboundReceipt?> Receipt,
    Func<TrackedMessage, ConversationMessageStatusChanged> History);
