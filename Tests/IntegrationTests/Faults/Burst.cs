using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace WhatsAppGenesys.IntegrationTests.Faults;

/// <summary>
/// A burst of customer messages through the whole inbound path, checked where the agent sees them. Customers write
/// through the Meta sandbox (each one's messages strictly one after another, many customers at once); the Meta
/// sandbox signs and posts the webhooks and redelivers what is not answered 2xx; at the end every customer's
/// conversation in the Genesys sandbox must hold each of its wamids exactly once, in the order sent, and the inbound
/// pipeline's queues must be empty. Start it, inject a fault part-way (<see cref="WhenDeliveredAsync"/>), then
/// <see cref="CompleteAsync"/>.
/// </summary>
public sealed class Burst
{
    private const string PhoneNumberId = "106540352242922";
    private const string Pipeline = "inbound-whatsapp";
    private static readonly string Pixel = Convert.ToBase64String([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 9, 8, 7, 6, 5, 4, 3, 2]);

    private readonly AppFixture _fixture;
    private readonly BurstPlan _plan;
    private readonly Dictionary<string, List<string>> _wamids;
    private readonly HashSet<string> _images = new(StringComparer.Ordinal);
    private readonly Stopwatch _clock = new();
    private int _sent;
    private int _started;
    private long _acceptedBefore;
    private readonly ConcurrentDictionary<string, byte> _all = new(StringComparer.Ordinal);
    private int _slots;
    private Task? _sending;
    private TimeSpan _sendDuration;

    public Burst(AppFixture fixture, BurstPlan plan)
    {
        _fixture = fixture;
        _plan = plan;
        // Numbers unique to this burst: a customer of an earlier burst or test never shares a conversation with it.
        var tag = Random.Shared.Next(10_000, 99_999).ToString(CultureInfo.InvariantCulture);
        RunId = $"b{tag}";
        Customers = [.. Enumerable.Range(0, plan.Customers).Select(i => $"19{tag}{i:D4}")];
        _wamids = Customers.ToDictionary(c => c, _ => new List<string>(), StringComparer.Ordinal);
    }

    public string RunId { get; }

    public IReadOnlyList<string> Customers { get; }

    /// <summary>Whether the Meta sandbox gave this wamid to one of the burst's messages.</summary>
    public bool Contains(string wamid) => _all.ContainsKey(wamid);

    /// <summary>Messages the Meta sandbox has accepted from the customers so far.</summary>
    public int Sent => Volatile.Read(ref _sent);

    private HttpClient Meta => _fixture.Client("meta-sandbox");

    private HttpClient Genesys => _fixture.Client("genesys-sandbox");

    /// <summary>The pipeline's admin API on the first inbound transformer replica that answers (one may have been killed).</summary>
    private async Task<JsonArray> AdminAsync(string path, CancellationToken ct)
    {
        var replicas = _fixture.App.GetProcessIds("inbound-transformer").Count;
        for (var replica = 0; ; replica++)
        {
            try
            {
                using var client = _fixture.App.CreateHttpClient("inbound-transformer", replica);
                return (await client.GetFromJsonAsync<JsonArray>($"/admin/pipelines/{Pipeline}/{path}", ct))!;
            }
            catch (HttpRequestException) when (replica < Math.Max(replicas, 2) - 1)
            {
                // That replica is down; ask the next one.
            }
        }
    }

    /// <summary>Starts the customers sending; returns once the first sends are under way.</summary>
    public async Task<Burst> StartAsync(CancellationToken ct)
    {
        _acceptedBefore = await GenesysAcceptedAsync(ct);
        _clock.Start();
        var shares = Enumerable.Range(0, Customers.Count)
            .Select(i => _plan.Messages / Customers.Count + (i < _plan.Messages % Customers.Count ? 1 : 0))
            .ToArray();
        var gate = new SemaphoreSlim(_plan.Concurrency);
        _sending = Task.WhenAll(Customers.Select((customer, i) => Task.Run(() => CustomerWritesAsync(customer, shares[i], gate, ct), ct)))
            .ContinueWith(t =>
            {
                _sendDuration = _clock.Elapsed;
                gate.Dispose();
                return t;
            }, TaskScheduler.Default).Unwrap();
        return this;
    }

    /// <summary>Completes once at least <paramref name="count"/> messages were sent (or the sending ended).</summary>
    public async Task WhenSentAsync(int count, CancellationToken ct)
    {
        var sending = _sending ?? throw new InvalidOperationException("Start the burst first.");
        while (Sent < count && !sending.IsCompleted)
        {
            await Task.Delay(50, ct);
        }
        if (sending.IsFaulted)
        {
            await sending;
        }
    }

    /// <summary>
    /// Completes once the Genesys sandbox has accepted at least <paramref name="count"/> inbound messages since the
    /// burst started: the moment to inject a fault "mid-burst", with part of the burst delivered and the rest on its way.
    /// </summary>
    public async Task WhenDeliveredAsync(int count, CancellationToken ct)
    {
        var sending = _sending ?? throw new InvalidOperationException("Start the burst first.");
        var deadline = _clock.Elapsed + _plan.DeliveryTimeout;
        while (await GenesysAcceptedAsync(ct) - _acceptedBefore < count)
        {
            if (sending.IsFaulted)
            {
                await sending;
            }
            if (_clock.Elapsed > deadline)
            {
                throw new TimeoutException($"The agent did not get {count} messages of the burst within {_plan.DeliveryTimeout}.");
            }
            await Task.Delay(100, ct);
        }
    }

    private async Task<long> GenesysAcceptedAsync(CancellationToken ct) =>
        (await Genesys.GetFromJsonAsync<JsonObject>("/sandbox/counters", ct))!["inboundMessagesAccepted"]!.GetValue<long>();

    /// <summary>
    /// Waits for the last send, then for every message to reach the agent and the pipeline to drain (at most
    /// <see cref="BurstPlan.DeliveryTimeout"/>), and reports what the agent got.
    /// </summary>
    public async Task<BurstReport> CompleteAsync(CancellationToken ct)
    {
        await (_sending ?? throw new InvalidOperationException("Start the burst first."));
        var deadline = _clock.Elapsed + _plan.DeliveryTimeout;

        // Poll only the customers not yet complete; a complete one is checked again at the end for late duplicates.
        var pending = new HashSet<string>(Customers, StringComparer.Ordinal);
        while (pending.Count > 0 && _clock.Elapsed < deadline)
        {
            var views = await ReadConversationsAsync(pending, ct);
            foreach (var (customer, received) in views)
            {
                var ours = new HashSet<string>(_wamids[customer], StringComparer.Ordinal);
                if (ours.IsSubsetOf(received.Where(m => !m.Rejected).Select(m => m.ChannelMessageId)))
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
        var final = await ReadConversationsAsync(Customers, ct);
        var parked = await ParkedAsync(ct);
        return BurstReport.Build(this, _wamids, _images, final, parked, queues, _sendDuration, delivered);
    }

    private async Task CustomerWritesAsync(string customer, int count, SemaphoreSlim gate, CancellationToken ct)
    {
        var wamids = _wamids[customer];
        for (var n = 1; n <= count; n++)
        {
            await PaceAsync(ct);
            await gate.WaitAsync(ct);
            try
            {
                var text = _plan.Text?.Invoke(customer, n) ?? $"{RunId} {customer} #{n}";
                var isImage = _plan.ImageEvery > 0 && Interlocked.Increment(ref _started) % _plan.ImageEvery == 0;
                object message = isImage
                    ? new { type = "image", media = new { base64 = Pixel, mimeType = "image/png", caption = text }, phoneNumberId = PhoneNumberId }
                    : new { type = "text", text, phoneNumberId = PhoneNumberId };
                using var response = await Meta.PostAsJsonAsync($"/sandbox/customers/{customer}/messages", message, ct);
                response.EnsureSuccessStatusCode();
                var wamid = (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!["wamid"]!.GetValue<string>();
                // Only this customer's task touches its list; the image set is shared.
                wamids.Add(wamid);
                _all.TryAdd(wamid, 0);
                if (isImage)
                {
                    lock (_images)
                    {
                        _images.Add(wamid);
                    }
                }
                Interlocked.Increment(ref _sent);
            }
            finally
            {
                gate.Release();
            }
        }
    }

    private async Task PaceAsync(CancellationToken ct)
    {
        if (_plan.MessagesPerSecond is not { } rate)
        {
            return;
        }
        var slot = Interlocked.Increment(ref _slots) - 1;
        var due = TimeSpan.FromSeconds(slot / rate);
        var wait = due - _clock.Elapsed;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, ct);
        }
    }

    /// <summary>The inbound messages of each customer's conversation at the Genesys sandbox, in the order received.</summary>
    private async Task<Dictionary<string, List<AgentMessage>>> ReadConversationsAsync(IEnumerable<string> customers, CancellationToken ct)
    {
        var views = new ConcurrentDictionary<string, List<AgentMessage>>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(customers.ToList(), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (customer, token) =>
        {
            using var response = await Genesys.GetAsync($"/sandbox/conversations/lookup?customerId={customer}", token);
            var messages = response.IsSuccessStatusCode
                ? (await response.Content.ReadFromJsonAsync<JsonObject>(token))!["messages"]!.AsArray()
                    .Select(m => m!.AsObject())
                    .Where(m => m["direction"]?.GetValue<string>() == "Inbound")
                    .Select(AgentMessage.From)
                    .ToList()
                : [];
            views[customer] = messages;
        });
        return new Dictionary<string, List<AgentMessage>>(views, StringComparer.Ordinal);
    }

    /// <summary>Waits until no work or delay queue of the pipeline holds a message; returns the last depths seen.</summary>
    private async Task<Dictionary<string, uint>> WaitForEmptyQueuesAsync(TimeSpan deadline, CancellationToken ct)
    {
        while (true)
        {
            var depths = await QueueDepthsAsync(ct);
            var busy = depths.Where(d => !IsParkingQueue(d.Key) && d.Value > 0).ToDictionary();
            if (busy.Count == 0 || _clock.Elapsed >= deadline)
            {
                return depths;
            }
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
        }
    }

    public static bool IsParkingQueue(string queue) => queue.EndsWith(".dead-letter", StringComparison.Ordinal) || queue.EndsWith(".error", StringComparison.Ordinal);

    private async Task<Dictionary<string, uint>> QueueDepthsAsync(CancellationToken ct)
    {
        var queues = await AdminAsync("queues", ct);
        return queues.Select(q => q!.AsObject()).ToDictionary(q => q["queue"]!.GetValue<string>(), q => q["messages"]!.GetValue<uint>());
    }

    /// <summary>This burst's messages parked in the dead-letter or error queue, with their reasons.</summary>
    private async Task<List<ParkedEntry>> ParkedAsync(CancellationToken ct)
    {
        var keys = new HashSet<string>(Customers.Select(c => $"demo:{c}"), StringComparer.Ordinal);
        var parked = new List<ParkedEntry>();
        foreach (var lot in new[] { "dead-letters", "errors" })
        {
            var listed = await AdminAsync($"{lot}?limit=10000", ct);
            parked.AddRange(listed.Select(p => p!.AsObject())
                .Where(p => keys.Contains(p["orderingKey"]?.GetValue<string>() ?? ""))
                .Select(p => new ParkedEntry(lot, p["messageId"]!.GetValue<string>(), p["reason"]?.GetValue<string>() ?? "")));
        }
        return parked;
    }
}

/// <summary>One inbound message as the agent got it.</summary>
public sealed record AgentMessage(string ChannelMessageId, string? Text, bool IsDuplicate, bool Rejected, bool? AttachmentFetched)
{
    public static AgentMessage From(JsonObject m) => new(
        m["channelMessageId"]?.GetValue<string>() ?? "",
        m["text"]?.GetValue<string>(),
        m["isDuplicate"]?.GetValue<bool>() == true,
        m["rejected"]?.GetValue<bool>() == true,
        m["content"] is JsonArray { Count: > 0 } content
            ? content.All(c => c?["fetch"]?["succeeded"]?.GetValue<bool>() == true)
            : null);
}

public sealed record ParkedEntry(string Lot, string MessageId, string Reason);
