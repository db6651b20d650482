using WhatsAppGenesys.Messaging.Handling;
using WhatsAppGenesys.Messaging.Topology;

namespace WhatsAppGenesys.Messaging.Archiving;

/// <summary>Where a pipeline's events keep their raw webhook: the archive bucket, and the event's key in it (if any).</summary>
public sealed record ArchiveSource<TEvent>(string Bucket, Func<TEvent, string?> KeyOf);

/// <summary>
/// Holds an event's archived webhook against storage expiry while the event fails (a failed event may end up parked,
/// and its replay refers to the archive), and releases it once the event succeeds. Only failures and retried or
/// replayed successes touch Redis, so a message that succeeds at once costs nothing more.
/// </summary>
internal sealed class ArchiveHoldingHandler<THandler, TEvent>(THandler inner, ArchiveHolds holds, ArchiveSource<TEvent> source)
    : IMessageHandler<TEvent>
    where THandler : IMessageHandler<TEvent>
{
    public async ValueTask<MessageOutcome> HandleAsync(TEvent received, MessageContext context, CancellationToken ct)
    {
        if (source.KeyOf(received) is not { } key)
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
            await holds.HoldAsync(source.Bucket, key, context.MessageId, ct);
            throw;
        }
        if (outcome.Kind != OutcomeKind.Success)
        {
            await holds.HoldAsync(source.Bucket, key, context.MessageId, ct);
        }
        else if (context.IsRedelivery || context.Headers?.ContainsKey(PipelineHeaders.ReplayedAt) == true)
        {
            await holds.ReleaseAsync(source.Bucket, key, context.MessageId, ct);
        }
        return outcome;
    }
}
