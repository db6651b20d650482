using System.Diagnostics;
using System.Threading.Channels;
using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.ServiceDefaults;

namespace WhatsAppGenesys.PortalService.History;

/// <summary>
/// Group commit for statuses: the history consumer handles many customers' events at once, and the statuses handed
/// in while one transaction runs are written together in the next (<see cref="StatusBatchWriter"/>). Nothing waits to
/// fill a batch: a lone status is written at once, and under a campaign's load the batches grow by themselves.
/// </summary>
/// <remarks>
/// Each caller awaits its own status's outcome, and acknowledges its delivery only after the commit, as before. When a
/// batch fails, its statuses are written again one by one, so one status the database refuses fails alone and the
/// others are not retried for it.
/// </remarks>
public sealed class StatusCommitGroup(IServiceScopeFactory scopes, ILogger<StatusCommitGroup> logger) : BackgroundService
{
    /// <summary>At most this many statuses per transaction.</summary>
    public const int MaxBatch = 64;

    // Named after the application: the service defaults trace that source in every service.
    private static readonly ActivitySource Source = new(typeof(StatusCommitGroup).Assembly.GetName().Name!);

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Records the status with those handed in at about the same moment; returns the rows it moved, once committed.</summary>
    internal Task<List<StatusMove>> RecordAsync(ConversationMessageStatusChanged status, CancellationToken ct)
    {
        var pending = new Pending(status, Activity.Current?.Context ?? default);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new OperationCanceledException("The history's status writer is stopping");
        }
        return pending.Done.Task.WaitAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
                {
                    batch.Add(pending);
                }
                await WriteAsync(batch, stoppingToken);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: whatever was not committed is redelivered to whichever replica consumes next.
        }
        finally
        {
            _queue.Writer.TryComplete();
            foreach (var pending in batch)
            {
                pending.Done.TrySetCanceled(stoppingToken);
            }
            while (_queue.Reader.TryRead(out var pending))
            {
                pending.Done.TrySetCanceled(stoppingToken);
            }
        }
    }

    private async Task WriteAsync(List<Pending> batch, CancellationToken ct)
    {
        try
        {
            var moves = await WriteInScopeAsync(batch, ct);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(moves[i]);
            }
        }
        catch (Exception e) when (batch.Count > 1 && !ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "A transaction of {Count} statuses failed; writing them one by one", batch.Count);
            foreach (var pending in batch)
            {
                try
                {
                    pending.Done.TrySetResult((await WriteInScopeAsync([pending], ct))[0]);
                }
                catch (Exception one)
                {
                    pending.Done.TrySetException(one);
                }
            }
        }
        catch (Exception e)
        {
            foreach (var pending in batch)
            {
                pending.Done.TrySetException(e);
            }
        }
    }

    private async Task<List<StatusMove>[]> WriteInScopeAsync(IReadOnlyList<Pending> batch, CancellationToken ct)
    {
        // The transaction belongs to the first status's trace, and links the others' (a span has one parent).
        using var activity = Source.StartActivity("history statuses", ActivityKind.Internal, TraceDecision.Carried(batch[0].Parent),
            links: batch.Skip(1).Where(p => p.Parent != default).Select(p => new ActivityLink(p.Parent)));
        activity?.SetTag("history.statuses.count", batch.Count);
        await using var scope = scopes.CreateAsyncScope();
        var writer = scope.ServiceProvider.GetRequiredService<IStatusBatchWriter>();
        return await writer.WriteAsync(batch.Select(p => p.Status).ToList(), ct);
    }

    private sealed record Pending(ConversationMessageStatusChanged Status, ActivityContext Parent)
    {
        public TaskCompletionSource<List<StatusMove>> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
