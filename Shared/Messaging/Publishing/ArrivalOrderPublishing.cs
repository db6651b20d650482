using Microsoft.Extensions.Logging;

namespace WhatsAppGenesys.Messaging.Publishing;

/// <summary>One serialized event a webhook queues, with the customer whose line it waits in.</summary>
public sealed record QueuedWebhookEvent(string Customer, string OrderingKey, string EventId, string Kind, byte[] Body);

/// <summary>
/// The last step of every customer webhook (WhatsApp's and RCS's): publish its events once the requests of the same
/// customers that arrived earlier have published theirs or failed (<see cref="KeyedSequencer"/>). One customer's
/// events go one after another, each confirmed before the next, so they queue in the order the provider listed them;
/// different customers in parallel, each line released the moment its events are queued. An exception means "not
/// safely queued": the webhook answers 5xx so the provider redelivers.
/// </summary>
public static class ArrivalOrderPublishing
{
    public static Task PublishInArrivalOrderAsync(this PipelinePublisher publisher, string pipeline, IEnumerable<QueuedWebhookEvent> events,
        KeyedSequencer.Tickets tickets, TimeSpan waitLimit, ILogger logger, CancellationToken ct) =>
        Task.WhenAll(events.GroupBy(e => e.Customer, StringComparer.Ordinal).Select(async customerEvents =>
        {
            try
            {
                if (!await tickets.WaitTurnAsync(customerEvents.Key, ct))
                {
                    logger.LogWarning("An earlier webhook of the same customer was still not queued after {Limit}; queueing this one without waiting", waitLimit);
                }
                foreach (var e in customerEvents)
                {
                    await publisher.PublishAsync(pipeline, e.OrderingKey, e.EventId, e.Kind, e.Body, ct);
                }
            }
            finally
            {
                tickets.Release(customerEvents.Key);
            }
        }));
}
