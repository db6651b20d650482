using WhatsAppGenesys.Clients.Providers;
using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.Contracts.Genesys;
using WhatsAppGenesys.Contracts.State;
using WhatsAppGenesys.Contracts.Tenancy;
using WhatsAppGenesys.OutboundTransformer.Delivery;
using WhatsAppGenesys.OutboundTransformer.Mapping;

namespace WhatsAppGenesys.OutboundTransformer.Channels;

/// <summary>
/// What differs between the customer channels an agent's reply can leave by: how a conversation is opened for a
/// customer we have not heard from, how the Genesys message becomes the channel's requests (and what it refuses),
/// how one request is sent, how the history describes it, and what follows a send. Everything else (the ledger, the
/// customer's mapping, failure receipts, retries, metrics) is the handler's, once for all channels.
/// </summary>
public interface IOutboundChannel
{
    /// <summary>The mapping of a customer an agent writes to first.</summary>
    EnsureMappingRequest NewCustomer(CustomerAddress customer, TenantResolution tenant);

    /// <summary>The requests that deliver the message, or why not (refused, or a transient failure preparing it).</summary>
    Task<ChannelPlan> PlanAsync(AgentMessage job, ConversationMapping mapping, CancellationToken ct);

    /// <summary>Sends one part at most once per <paramref name="idempotencyKey"/>; the provider's message id, or its error.</summary>
    Task<ProviderCall<string>> SendAsync(AgentMessage job, ConversationMapping mapping, OutboundPart part, string idempotencyKey, CancellationToken ct);

    /// <summary>Does this part carry the message's file (the history keeps the file with it)?</summary>
    bool CarriesMedia(OutboundPart part);

    /// <summary>The history event of one sent part.</summary>
    ConversationMessageRecorded Describe(AgentMessage job, ConversationMapping mapping, OutboundPart part, string providerMessageId,
        string partId, HostedMedia? media, string? archiveKey);

    /// <summary>After every part went out (WhatsApp marks the customer's last message read).</summary>
    Task AfterSentAsync(AgentMessage job, ConversationMapping mapping, CancellationToken ct);

    /// <summary>A Genesys event (typing) for the customer at <paramref name="customer"/>; momentary, never retried.</summary>
    Task ShowEventAsync(string tenantId, GenesysOutboundMessage message, CustomerAddress customer, ConversationMapping? mapping, CancellationToken ct);
}
