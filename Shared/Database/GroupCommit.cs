using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;
using WhatsAppGenesys.ServiceDefaults;

namespace WhatsAppGenesys.Database;

/// <summary>
/// Writes a batch of items in one transaction: their statements in as few round trips to PostgreSQL as it can, one
/// commit for all. Returns one result per item, in the items' order, once committed. Resolved from a DI scope of its
/// own for each batch (its own database context).
/// </summary>
public interface IBatchWriter<TItem, TResult>
{
    Task<TResult[]> WriteAsync(IReadOnlyList<TItem> items, CancellationToken ct);
}

/// <summary>
/// Group commit: many callers at once each hand in one item to write, and the items handed in while one transaction
/// runs are written together in the next (<see cref="IBatchWriter{TItem, TResult}"/>). Nothing waits to fill a batch:
/// a lone item is written at once, and under load the batches grow by themselves, up to <see cref="MaxBatch"/>. What
/// it saves is a round trip and a commit per item, which on a busy box cost more than most statements themselves.
/// </summary>
/// <remarks>
/// Each caller awaits its own item's result, so a caller that acknowledges a delivery or answers a request does so
/// only after the commit that holds its item, as it did writing alone. When a batch fails, its items are written again
/// one by one, so one item the database refuses fails alone and the others are not failed for it. Stopping cancels
/// what is waiting: those callers hear so and have not been told their item is written (a delivery goes back to the
/// broker, a request fails). Register with <see cref="GroupCommitExtensions.AddGroupCommit"/>.
/// </remarks>
public sealed class GroupCommit<TItem, TResult>(IServiceScopeFactory scopes, GroupCommitOptions options, ILogger<GroupCommit<TItem, TResult>> logger)
    : BackgroundService
{
    /// <summary>At most this many items per transaction.</summary>
    public const int MaxBatch = 64;

    /// <summary>The tag on each transaction's span saying how many items it held (OpenTelemetry's name for it).</summary>
    public const string BatchSizeTag = "db.operation.batch.size";

    private static readonly ActivitySource Source = new(GroupCommitExtensions.ActivitySourceName);

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Writes the item with those handed in at about the same moment; returns its result once committed.</summary>
    public Task<TResult> WriteAsync(TItem item, CancellationToken ct)
    {
        var pending = new Pending(item, Activity.Current?.Context ?? default);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new OperationCanceledException($"{options.SpanName}: the writer is stopping");
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
                await WriteBatchAsync(batch, stoppingToken);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what was not committed is the callers' to retry (below).
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

    private async Task WriteBatchAsync(List<Pending> batch, CancellationToken ct)
    {
        try
        {
            var results = await WriteInScopeAsync(batch, ct);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(results[i]);
            }
        }
        catch (Exception e) when (batch.Count > 1 && !ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "{Writer}: a transaction of {Count} items failed; writing them one by one", options.SpanName, batch.Count);
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

    private async Task<TResult[]> WriteInScopeAsync(IReadOnlyList<Pending> batch, CancellationToken ct)
    {
        // The transaction belongs to the first item's trace and links the others' (a span has one parent).
        using var activity = Source.StartActivity(options.SpanName, ActivityKind.Internal, TraceDecision.Carried(batch[0].Parent),
            links: batch.Skip(1).Where(p => p.Parent != default).Select(p => new ActivityLink(p.Parent)));
        activity?.SetTag(BatchSizeTag, batch.Count);
        await using var scope = scopes.CreateAsyncScope();
        var writer = scope.ServiceProvider.GetRequiredService<IBatchWriter<TItem, TResult>>();
        var results = await writer.WriteAsync(batch.Select(p => p.Item).ToList(), ct);
        if (results.Length != batch.Count)
        {
            throw new InvalidOperationException($"{options.SpanName}: {results.Length} results for {batch.Count} items");
        }
        return results;
    }

    private sealed record Pending(TItem Item, ActivityContext Parent)
    {
        public TaskCompletionSource<TResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>What a <see cref="GroupCommit{TItem, TResult}"/> is called in its logs and traces.</summary>
public sealed record GroupCommitOptions(string SpanName);

public static class GroupCommitExtensions
{
    /// <summary>The source of the transactions' spans, traced wherever a group commit is registered.</summary>
    public const string ActivitySourceName = "WhatsAppGenesys.Database";

    /// <summary>
    /// Registers the writer (scoped) and the group (a singleton and a hosted service). Register it before the consumer
    /// or endpoints that write through it, so that at shutdown it stops after they have stopped handing it items.
    /// </summary>
    /// <param name="spanName">The name of each transaction's span, e.g. "history statuses".</param>
    public static IServiceCollection AddGroupCommit<TItem, TResult, TWriter>(this IServiceCollection services, string spanName)
        where TWriter : class, IBatchWriter<TItem, TResult>
    {
        services.AddScoped<IBatchWriter<TItem, TResult>, TWriter>();
        services.AddSingleton(services => new GroupCommit<TItem, TResult>(services.GetRequiredService<IServiceScopeFactory>(),
            new GroupCommitOptions(spanName), services.GetRequiredService<ILogger<GroupCommit<TItem, TResult>>>()));
        services.AddHostedService(services => services.GetRequiredService<GroupCommit<TItem, TResult>>());
        services.AddOpenTelemetry().WithTracing(tracing => tracing.AddSource(ActivitySourceName));
        return services;
    }
}
