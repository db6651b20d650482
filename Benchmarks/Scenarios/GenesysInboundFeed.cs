using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;

namespace WhatsAppGenesys.Benchmarks.Scenarios;

/// <summary>
/// Follows the Genesys sandbox's <c>/sandbox/inbound-feed</c> (every inbound message it accepted, with its
/// <c>receivedAt</c>) a few times a second from the current end, and remembers every occurrence of every
/// channel message id (our wamids), so delivery, duplicates and latency are read off one cheap cursor.
/// </summary>
public sealed class GenesysInboundFeed : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpClient _client;
    private readonly ConcurrentDictionary<string, List<FeedItem>> _byWamid = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _polling;
    private long _cursor;
    private long _items;

    private GenesysInboundFeed(HttpClient client, long cursor)
    {
        _client = client;
        _cursor = cursor;
        _polling = PollAsync(_stop.Token);
    }

    /// <summary>Starts following at the feed's current end: earlier messages are not ours.</summary>
    public static async Task<GenesysInboundFeed> FollowAsync(HttpClient genesysSandbox, CancellationToken cancellationToken)
    {
        var page = await genesysSandbox.GetFromJsonAsync<FeedPage>("/sandbox/inbound-feed?limit=1&after=" + long.MaxValue / 2, Json, cancellationToken);
        return new GenesysInboundFeed(genesysSandbox, page!.Latest);
    }

    public long ItemsSeen => Interlocked.Read(ref _items);

    /// <summary>How many of <paramref name="wamids"/> have arrived at least once.</summary>
    public int CountReceived(IEnumerable<string> wamids) => wamids.Count(_byWamid.ContainsKey);

    public IReadOnlyList<FeedItem> Occurrences(string wamid)
    {
        if (!_byWamid.TryGetValue(wamid, out var list))
        {
            return [];
        }
        lock (list)
        {
            return [.. list];
        }
    }

    /// <summary>Waits until every wamid arrived, or nothing new arrived for <paramref name="stall"/>, or <paramref name="limit"/> passed.</summary>
    public async Task<bool> WaitForAsync(IReadOnlyCollection<string> wamids, TimeSpan stall, TimeSpan limit, Action<int>? progress, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + limit;
        var lastCount = -1;
        var lastChange = DateTime.UtcNow;
        var lastReport = DateTime.UtcNow;
        while (true)
        {
            var count = CountReceived(wamids);
            if (count >= wamids.Count)
            {
                return true;
            }
            if (count != lastCount)
            {
                lastCount = count;
                lastChange = DateTime.UtcNow;
            }
            if (DateTime.UtcNow - lastChange > stall || DateTime.UtcNow > deadline)
            {
                return false;
            }
            if (DateTime.UtcNow - lastReport > TimeSpan.FromSeconds(5))
            {
                progress?.Invoke(count);
                lastReport = DateTime.UtcNow;
            }
            await Task.Delay(250, cancellationToken);
        }
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var page = await _client.GetFromJsonAsync<FeedPage>($"/sandbox/inbound-feed?limit=20000&after={_cursor}", Json, cancellationToken);
                foreach (var item in page!.Items)
                {
                    if (item.ChannelMessageId is { } wamid)
                    {
                        var list = _byWamid.GetOrAdd(wamid, _ => []);
                        lock (list)
                        {
                            list.Add(item);
                        }
                    }
                    Interlocked.Increment(ref _items);
                }
                _cursor = page.Next;
                if (page.Items.Count == 20000)
                {
                    continue; // behind: read on at once
                }
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is HttpRequestException or TaskCanceledException or JsonException)
            {
                // The simulator answered slowly or not at all (overloaded): try again on the next tick.
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            try
            {
                await Task.Delay(200, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _polling;
        _stop.Dispose();
    }

    private sealed record FeedPage(long Next, long Latest, long Dropped, List<FeedItem> Items);
}

public sealed record FeedItem(
    long Sequence,
    Guid ConversationId,
    string IntegrationId,
    string CustomerId,
    string? ChannelMessageId,
    string? Id,
    DateTimeOffset ReceivedAt,
    bool IsDuplicate,
    bool Rejected);
