using WhatsAppGenesys.Clients.Storage.Lifecycle;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.Messaging.Handling;
using WhatsAppGenesys.Messaging.Topology;

namespace WhatsAppGenesys.InboundTransformer.Delivery;

/// <summary>
/// Holds an event's archived webhook against storage expiry while the event fails (a failed event may end up parked,
/// and its replay refers to the archive), and releases it once the event succeeds. Only failures and retried or
/// replayed successes touch Redis, so a message that succeeds at once costs nothing more.
/// </summary>
internal sealed class ArchiveHoldingHandler(InboundEventHandler inner, ArchiveHolds holds) : IMessageHandler<WhatsAppEventReceived>
{
    public async ValueTask<MessageOutcome> HandleAsync(WhatsAppEventReceived received, MessageContext context, CancellationToken ct)
    {
        if (received.ArchiveKey is not { } key)
        {
            return await inner.HandleAsync(received, context, ct);
        }
        MessageOutcome outcome;
        try
        {
            outcome = await inner.HandleAsync(received, context, ct);
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            await holds.HoldAsync(Buckets.WebhooksInbound, key, context.MessageId, ct);
            throw;
        }
        if (outcome.Kind != OutcomeKind.Success)
        {
            await holds.HoldAsync(Buckets.WebhooksInbound, key, context.MessageId, ct);
        }
        else if (context.IsRedelivery || context.Headers?.ContainsKey(PipelineHeaders.ReplayedAt) == true)
        {
            await holds.ReleaseAsync(Buckets.WebhooksInbound, key, context.MessageId, ct);
        }
        return outcome;
    }
}
