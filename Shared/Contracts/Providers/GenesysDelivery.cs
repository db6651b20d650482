using System.Text.Json;

namespace WhatsAppGenesys.Contracts.Providers;

/// <summary>
/// Body of the Genesys API service's <c>POST /genesys/messages/inbound</c> (and receipts/events): the Open Messaging
/// body to post for the tenant named in <c>X-Tenant-ID</c>, and the key under which the service sends it at most once.
/// </summary>
public sealed record GenesysDeliveryRequest(string IdempotencyKey, JsonElement Body);

/// <summary>What Genesys answered: its message id and, for inbound messages, the conversation id it prefetched.</summary>
public sealed record GenesysDeliveryResult(string? MessageId, string? ConversationId);
