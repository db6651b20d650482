using System.Text.Json;

namespace WhatsAppGenesys.Contracts.Providers;

/// <summary>
/// Body of the Genesys API service's <c>POST /genesys/messages/inbound</c> (and receipts/events): the Open Messaging
/// body to post for the tenant named in <c>X-Tenant-ID</c>, and the key under which the service sends it at most once.
/// </summary>
public sealed record GenesysDeliveryRequest(string IdempotencyKey, JsonElement Body);

/// <summary>
/// Body of the Genesys API service's <c>POST /genesys/messages/agentless</c>: a text to the customer at
/// <paramref name="ToAddress"/> (their address as the tenant's Open Messaging integration knows it), sent by Genesys
/// into the customer's active conversation, at most once per <paramref name="IdempotencyKey"/>.
/// </summary>
public sealed record GenesysAgentlessRequest(string IdempotencyKey, string ToAddress, string Text);

/// <summary>What Genesys answered: its message id and, for inbound messages, the conversation id it prefetched.</summary>
public sealed record GenesysDeliveryResult(string? MessageId, string? ConversationId);
