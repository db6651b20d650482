using WhatsAppGenesys.Contracts.Operations;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace WhatsAppGenesys.IntegrationTests.Faults;

/// <summary>
/// A burst of messages through the running system, checked where the other side sees them. Many customers at once,
/// each one's messages strictly one after another (the sandboxes keep per-customer order on their side, as Meta and
/// Genesys do) unless the plan says <see cref="BurstPlan.ConcurrentPerCustomer"/>; at the end every customer must
/// have each of its messages exactly once, in the order sent, and the pipeline's queues must be empty. Start it,
/// inject a fault part-way (<see cref="WhenDeliveredAsync"/>), then <see cref="CompleteAsync"/>. <see cref="InboundBurst"/> and <see cref="OutboundBurst"/> say what a message is.
/// </summary>
public abstract class Burst
{
    // Message n of a customer at index n - 1: concurrent sends finish in any order, the report needs the order sent.
    private readonly Dictionary<string, string?[]> _sent;
    private readonly HashSet<string> _images = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _pipelineIds = new(StringComparer.Ordinal);
    private readonly Stopwatch _clock = new();
    private readonly PipelineAdminClient _admin;
    private int _sentCount;
    private int _started;
    private int _slots;
    private long _deliveredBefore;
    private Task? _sending;
    private TimeSpan _sendDuration;

    protected Burst(AppFixture fixture, BurstPlan plan, string transformer, string pipeline)
    {
        Fixture = fixture;
        Plan = plan;
        _admin = new PipelineAdminClient(fixture, transformer, pipeline);
        // Numbers unique to this burst: a customer of an earlier burst or test never shares a conversation with it.
        var tag = Random.Shared.Next(10_000, 99_999).ToString(CultureInfo.InvariantCulture);
        RunId = $"b{tag}";
        Customers = [.. Enumerable.Range(0, plan.Customers).Select(i => $"19{tag}{i:D4}")];
        _sent = Customers.Select((customer, i) => (Customer: customer, Share: plan.Messages / plan.Customers + (i < plan.Messages % plan.Customers ? 1 : 0)))
            .ToDictionary(c => c.Customer, c => new string?[c.Share], StringComparer.Ordinal);
    }

    protected AppFixture Fixture { get; }

    protected BurstPlan Plan { get; }

    public string RunId { get; }

    public IReadOnlyList<string> Customers { get; }

    /// <summary>Messages accepted from the senders so far.</summary>
    public int Sent => Volatile.Read(ref _sentCount);

    /// <summary>Whether the pipeline message id (a wamid, a Genesys message id) belongs to this burst.</summary>
    public bool Contains(string pipelineMessageId) => _pipelineIds.ContainsKey(pipelineMessageId);

    /// <summary>Sets the stage (e.g. opens the customers' conversations), then starts sending; returns at once.</summary>
    public async Task<Burst> StartAsync(CancellationToken ct)
    {
        await PrepareAsync(ct);
        _deliveredBefore = await DeliveredCountAsync(ct);
        _clock.Start();
        var gate = new SemaphoreSlim(Plan.Concurrency);
        _sending = (Plan.ConcurrentPerCustomer
                ? Task.Run(() => SendInterleavedAsync(gate, ct), ct)
                : Task.WhenAll(Customers.Select(customer => Task.Run(() => CustomerSendsAsync(customer, gate, ct), ct))))
            .ContinueWith(t =>
            {
                _sendDuration = _clock.Elapsed;
                gate.Dispose();
                return t;
            }, TaskScheduler.Default).Unwrap();
        return this;
    }

    /// <summary>
    /// Completes once the receiving sandbox has accepted at least <paramref name="count"/> messages since the burst
    /// started: the moment to inject a fault "mid-burst", with part of it delivered and the rest on its way.
    /// </summary>
    public async Task WhenDeliveredAsync(int count, CancellationToken ct)
    {
        var sending = _sending ?? throw new InvalidOperationException("Start the burst first.");
        var deadline = _clock.Elapsed + Plan.DeliveryTimeout;
        while (await DeliveredCountAsync(ct) - _deliveredBefore < count)
        {
            if (sending.IsFaulted)
            {
                await sending;
            }
            if (_clock.Elapsed > deadline)
            {
                throw new TimeoutException($"{count} messages of the burst were not delivered within {Plan.DeliveryTimeout}.");
            }
            await Task.Delay(100, ct);
        }
    }

    /// <summary>
    /// Waits for the last send, then for every message to arrive and the pipeline to drain (at most
    /// <see cref="BurstPlan.DeliveryTimeout"/>), and reports what arrived.
    /// </summary>
    public async Task<BurstReport> CompleteAsync(CancellationToken ct)
    {
        await (_sending ?? throw new InvalidOperationException("Start the burst first."));
        var deadline = _clock.Elapsed + Plan.DeliveryTimeout;

        // The cheap counter first: reading every customer's conversation each second would take CPU from the system
        // under test on a 2-core machine. Then poll only the customers not yet complete; everyone is read again at the
        // end, for late duplicates.
        while (await DeliveredCountAsync(ct) - _deliveredBefore < Sent && _clock.Elapsed < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
        }
        var pending = new HashSet<string>(Customers, StringComparer.Ordinal);
        while (pending.Count > 0 && _clock.Elapsed < deadline)
        {
            foreach (var (customer, received) in await ReadAllAsync(pending, ct))
            {
                if (_sent[customer].OfType<string>().ToHashSet(StringComparer.Ordinal).IsSubsetOf(received.Where(m => !m.Rejected).Select(m => m.Id)))
                {
                    pending.Remove(customer);
                }
            }
            if (pending.Count > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
        }
        var delivered = _clock.Elapsed;

        var queues = await WaitForEmptyQueuesAsync(deadline, ct);
        // A redelivery still on its way would show up as a duplicate in this short window.
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        var final = await ReadAllAsync(Customers, ct);
        var parked = (await _admin.ParkedAsync(ct)).Where(p => Contains(p.MessageId)).ToList();
        var sent = _sent.ToDictionary(c => c.Key, c => c.Value.OfType<string>().ToList(), StringComparer.Ordinal);
        return BurstReport.Build(this, sent, _images, final, parked, queues, _sendDuration, delivered);
    }

    /// <summary>Anything the burst needs before its first message.</summary>
    protected virtual Task PrepareAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>Sends message <paramref name="n"/> of the customer; returns the id it is checked by on arrival and its pipeline message id.</summary>
    protected abstract Task<(string CheckedId, string PipelineId)> SendAsync(string customer, int n, bool image, CancellationToken ct);

    /// <summary>A counter of the receiving sandbox that grows by one per message accepted there.</summary>
    protected abstract Task<long> DeliveredCountAsync(CancellationToken ct);

    /// <summary>What one customer received, in the order received.</summary>
    protected abstract Task<List<ReceivedMessage>> ReadReceivedAsync(string customer, CancellationToken ct);

    protected string TextOf(string customer, int n) => Plan.Text?.Invoke(customer, n) ?? $"{RunId} {customer} #{n}";

    private async Task CustomerSendsAsync(string customer, SemaphoreSlim gate, CancellationToken ct)
    {
        for (var n = 1; n <= _sent[customer].Length; n++)
        {
            await PaceAsync(ct);
            await gate.WaitAsync(ct);
            await SendOneAsync(customer, n, gate, ct);
        }
    }

    /// <summary>
    /// One loop starts every send, at the pace, round-robin over the customers, and does not wait for answers: the
    /// order a customer's sends start in is the order sent. A customer's next send starts at least half its share of
    /// the pace after the previous one even when the loop catches up after a stall, so "sent before" always means
    /// milliseconds before, never the same instant on two connections.
    /// </summary>
    private async Task SendInterleavedAsync(SemaphoreSlim gate, CancellationToken ct)
    {
        var rate = Plan.MessagesPerSecond ?? throw new InvalidOperationException("Concurrent sends per customer need a pace: the order sent is the order started.");
        var spacing = TimeSpan.FromSeconds(Customers.Count / rate / 2);
        var lastStart = Customers.ToDictionary(c => c, _ => -spacing, StringComparer.Ordinal);
        var sends = new List<Task>(Plan.Messages);
        var rounds = _sent.Values.Max(s => s.Length);
        for (var n = 1; n <= rounds; n++)
        {
            foreach (var customer in Customers.Where(c => n <= _sent[c].Length))
            {
                await PaceAsync(ct);
                if (lastStart[customer] + spacing - _clock.Elapsed is { Ticks: > 0 } tooSoon)
                {
                    await Task.Delay(tooSoon, ct);
                }
                await gate.WaitAsync(ct);
                lastStart[customer] = _clock.Elapsed;
                sends.Add(SendOneAsync(customer, n, gate, ct));
            }
        }
        await Task.WhenAll(sends);
    }

    /// <summary>Sends message <paramref name="n"/> of the customer and notes it; frees its place at the gate when answered.</summary>
    private async Task SendOneAsync(string customer, int n, SemaphoreSlim gate, CancellationToken ct)
    {
        try
        {
            var image = Plan.ImageEvery > 0 && Interlocked.Increment(ref _started) % Plan.ImageEvery == 0;
            var (checkedId, pipelineId) = await SendAsync(customer, n, image, ct);
            _sent[customer][n - 1] = checkedId;
            _pipelineIds.TryAdd(pipelineId, 0);
            if (image)
            {
                lock (_images)
                {
                    _images.Add(checkedId);
                }
            }
            Interlocked.Increment(ref _sentCount);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task PaceAsync(CancellationToken ct)
    {
        if (Plan.MessagesPerSecond is not { } rate)
        {
            return;
        }
        var slot = Interlocked.Increment(ref _slots) - 1;
        var wait = TimeSpan.FromSeconds(slot / rate) - _clock.Elapsed;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, ct);
        }
    }

    private async Task<Dictionary<string, List<ReceivedMessage>>> ReadAllAsync(IEnumerable<string> customers, CancellationToken ct)
    {
        var views = new ConcurrentDictionary<string, List<ReceivedMessage>>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(customers.ToList(), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
            async (customer, token) => views[customer] = await ReadReceivedAsync(customer, token));
        return new Dictionary<string, List<ReceivedMessage>>(views, StringComparer.Ordinal);
    }

    /// <summary>Waits until no work or delay queue of the pipeline holds a message; returns the last depths seen.</summary>
    private async Task<Dictionary<string, QueueDepth>> WaitForEmptyQueuesAsync(TimeSpan deadline, CancellationToken ct)
    {
        while (true)
        {
            var depths = await _admin.QueueDepthsAsync(ct);
            if (depths.All(d => PipelineAdminClient.IsParkingQueue(d.Key) || d.Value.Messages == 0) || _clock.Elapsed >= deadline)
            {
                return depths;
            }
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
        }
    }
}

/// <summary>Customers write through the Meta sandbox; checked in the agent's conversations at the Genesys sandbox, by wamid.</summary>
public class InboundBurst(AppFixture fixture, BurstPlan plan) : Burst(fixture, plan, "inbound-transformer", "inbound-whatsapp")
{
    private const string PhoneNumberId = "106540352242922";
    private static readonly string Pixel = Convert.ToBase64String([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 9, 8, 7, 6, 5, 4, 3, 2]);

    protected override async Task<(string, string)> SendAsync(string customer, int n, bool image, CancellationToken ct)
    {
        var text = TextOf(customer, n);
        object message = image
            ? new { type = "image", media = new { base64 = Pixel, mimeType = "image/png", caption = text }, phoneNumberId = PhoneNumberId }
            : new { type = "text", text, phoneNumberId = PhoneNumberId };
        using var response = await Fixture.Client("meta-sandbox").PostAsJsonAsync($"/sandbox/customers/{customer}/messages", message, ct);
        response.EnsureSuccessStatusCode();
        var wamid = (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!["wamid"]!.GetValue<string>();
        return (wamid, wamid);
    }

    protected override async Task<long> DeliveredCountAsync(CancellationToken ct) =>
        (await Fixture.Client("genesys-sandbox").GetFromJsonAsync<JsonObject>("/sandbox/counters", ct))!["inboundMessagesAccepted"]!.GetValue<long>();

    protected override Task<List<ReceivedMessage>> ReadReceivedAsync(string customer, CancellationToken ct) => ReadAgentViewAsync(Fixture, customer, ct);

    /// <summary>The customer's messages as the agent got them at the Genesys sandbox, by the customer id Genesys knows them by.</summary>
    public static async Task<List<ReceivedMessage>> ReadAgentViewAsync(AppFixture fixture, string customerId, CancellationToken ct)
    {
        using var response = await fixture.Client("genesys-sandbox").GetAsync($"/sandbox/conversations/lookup?customerId={Uri.EscapeDataString(customerId)}", ct);
        return response.IsSuccessStatusCode
            ? (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!["messages"]!.AsArray()
                .Select(m => m!.AsObject())
                .Where(m => m["direction"]?.GetValue<string>() == "Inbound")
                .Select(m => new ReceivedMessage(
                    m["channelMessageId"]?.GetValue<string>() ?? "",
                    m["rejected"]?.GetValue<bool>() == true,
                    m["content"] is JsonArray { Count: > 0 } content ? content.All(c => c?["fetch"]?["succeeded"]?.GetValue<bool>() == true) : null))
                .ToList()
            : [];
    }
}

/// <summary>One message as the receiving side got it: the id it is checked by, whether it was refused, whether its attachment could be fetched.</summary>
public sealed record ReceivedMessage(string Id, bool Rejected, bool? AttachmentFetched);

public sealed record ParkedEntry(string Lot, string MessageId, string Reason);
