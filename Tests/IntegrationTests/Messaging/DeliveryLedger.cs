using System.Collections.Concurrent;
using System.Text.Json;
using WhatsAppGenesys.Messaging.Publishing;

namespace WhatsAppGenesys.IntegrationTests.Messaging;

/// <summary>A numbered message of one customer: the test checks each customer's numbers arrive 0, 1, 2, … once each.</summary>
internal sealed record TestMessage(string Key, int Seq)
{
    public string Id => $"{Key}#{Seq}";
}

/// <summary>
/// What the handlers delivered, standing in for the state manager's ledger: an atomic first-time check per message
/// id (so redeliveries after a crash are recognised, as the real handlers do) and the order per key.
/// </summary>
internal sealed class DeliveryLedger
{
    private readonly ConcurrentDictionary<string, int> _deliveries = new();
    private readonly ConcurrentDictionary<string, List<int>> _perKey = new();
    private int _total;

    public int Total => Volatile.Read(ref _total);

    private int _duplicates;
    private readonly ConcurrentQueue<string> _order = new();

    public int Duplicates => Volatile.Read(ref _duplicates);

    /// <summary>Message ids in the order they were delivered, across all keys.</summary>
    public IReadOnlyList<string> Order => [.. _order];

    /// <summary>Records a delivery; false if this message id was delivered before (the caller skips it).</summary>
    public bool TryDeliver(TestMessage message)
    {
        if (!_deliveries.TryAdd(message.Id, 1))
        {
            Interlocked.Increment(ref _duplicates);
            return false;
        }
        _order.Enqueue(message.Id);
        var list = _perKey.GetOrAdd(message.Key, _ => []);
        lock (list)
        {
            list.Add(message.Seq);
        }
        Interlocked.Increment(ref _total);
        return true;
    }

    public IReadOnlyDictionary<string, List<int>> PerKey => _perKey;

    public bool Contains(string id) => _deliveries.ContainsKey(id);

    public async Task WaitForAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Total < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Only {Total} of {count} messages were delivered within {timeout}.");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>Every expected message delivered once, each key's messages in publish order.</summary>
    public void AssertExactlyOnceInOrder(int keys, int messages)
    {
        Assert.Equal(messages, Total);
        Assert.Equal(keys, _perKey.Count);
        foreach (var (key, seqs) in _perKey)
        {
            Assert.True(seqs.SequenceEqual(Enumerable.Range(0, seqs.Count)), $"{key} arrived as {string.Join(",", seqs)}");
        }
    }

    /// <summary>
    /// Publishes until the broker confirms, as a webhook's sender redelivers what got a 5xx: a publisher whose node just
    /// went away fails until its connection has recovered to another node.
    /// A node stopped without a drain can also refuse (nack) publishes for a while, until its queues' leaders have moved:
    /// the sender keeps trying for two minutes, as Meta and Genesys keep redelivering for far longer.
    /// </summary>
    private static async Task PublishUntilConfirmedAsync(PipelinePublisher publisher, string pipeline, TestMessage message, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (true)
        {
            try
            {
                await publisher.PublishJsonAsync(pipeline, message.Key, message.Id, "test.message", message, ct);
                return;
            }
            catch (Exception ex) when (DateTime.UtcNow < deadline && ex is RabbitMQ.Client.Exceptions.RabbitMQClientException
                or RabbitMQ.Client.Exceptions.PublishException or IOException or TimeoutException)
            {
                await Task.Delay(200, ct);
            }
        }
    }

    public static TestMessage Parse(ReadOnlyMemory<byte> body) => JsonSerializer.Deserialize<TestMessage>(body.Span, JsonSerializerOptions.Web)!;

    /// <summary>Publishes message i as (key i mod keys, seq i div keys); each key's messages in order, keys in parallel.</summary>
    public static async Task PublishBurstAsync(PipelinePublisher publisher, string pipeline, int keys, int messages, int offset = 0)
    {
        await Parallel.ForEachAsync(Enumerable.Range(0, keys), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (k, ct) =>
        {
            for (var i = k; i < messages; i += keys)
            {
                var message = new TestMessage($"customer-{k}", (i / keys) + offset);
                await PublishUntilConfirmedAsync(publisher, pipeline, message, ct);
            }
        });
    }
}
