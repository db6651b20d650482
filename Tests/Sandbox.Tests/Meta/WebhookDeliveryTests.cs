using System.Text.Json;
using WhatsAppGenesys.Sandbox.Tests.Meta.Infrastructure;

namespace WhatsAppGenesys.Sandbox.Tests.Meta;

public sealed class WebhookDeliveryTests
{
    [Fact]
    public async Task WebhookIsRetriedOn5xxAndStopsAtTheFirst2xx()
    {
        await using var host = await MetaSandboxHost.StartAsync();
        var attempts = 0;
        host.Receiver.Respond = _ => Interlocked.Increment(ref attempts) <= 2 ? 503 : 200;

        var wamid = await host.CustomerSendsAsync("15550500001", new { type = "text", text = "retry me" });
        await host.Receiver.WaitForAsync(r => r.Count == 1);
        await Task.Delay(500, MetaSandboxHost.Cancellation);

        Assert.Equal([503, 503, 200], host.Receiver.All.Select(w => w.AnsweredStatus));
        Assert.All(host.Receiver.All, w => Assert.Equal(wamid, MessageIds(w).Single()));
        var stats = await host.GetJsonAsync("/sandbox/stats");
        Assert.Equal(1, stats.GetProperty("webhooksPosted").GetInt64());
        Assert.Equal(3, stats.GetProperty("webhookAttempts").GetInt64());
        Assert.Equal(2, stats.GetProperty("webhooksRetried").GetInt64());
        Assert.Equal(0, stats.GetProperty("webhooksPending").GetInt64());
    }

    [Fact]
    public async Task RetriesBackOffExponentially()
    {
        await using var host = await MetaSandboxHost.StartAsync();
        var times = new List<DateTime>();
        host.Receiver.Respond = _ =>
        {
            lock (times)
            {
                times.Add(DateTime.UtcNow);
                return times.Count <= 3 ? 500 : 200;
            }
        };

        await host.CustomerSendsAsync("15550500002", new { type = "text", text = "back off" });
        await host.Receiver.WaitForAsync(r => r.Count == 1);

        // Configured 100 ms initial delay, doubling, capped at 400 ms: gaps of at least 100, 200 and 400 ms
        // (delays are lower bounds whatever the machine's load).
        var gaps = times.Zip(times.Skip(1), (a, b) => (b - a).TotalMilliseconds).ToList();
        Assert.Equal(3, gaps.Count);
        Assert.True(gaps[0] >= 90 && gaps[1] >= 190 && gaps[2] >= 390, $"gaps: {string.Join(", ", gaps)}");
        Assert.True(gaps[0] < 1_000, $"gaps: {string.Join(", ", gaps)}");
    }

    [Fact]
    public async Task GivesUpAfterMaxAttempts()
    {
        await using var host = await MetaSandboxHost.StartAsync(new() { ["MetaSandbox:Webhooks:MaxAttempts"] = "3" });
        host.Receiver.Respond = _ => 500;

        await host.CustomerSendsAsync("15550500003", new { type = "text", text = "never" });
        await WaitForStatsAsync(host, s => s.GetProperty("webhooksAbandoned").GetInt64() == 1);

        Assert.Equal(3, host.Receiver.All.Count);
        Assert.Equal(0, (await host.GetJsonAsync("/sandbox/stats")).GetProperty("webhooksPending").GetInt64());
    }

    [Fact]
    public async Task PerCustomerOrderIsKeptUnderRetriesWhileOtherCustomersFlow()
    {
        await using var host = await MetaSandboxHost.StartAsync();
        var failuresLeft = 3;
        // The slow customer's first message fails three times; everything else is accepted at once.
        host.Receiver.Respond = w => w.Text.Contains("slow-1", StringComparison.Ordinal) && Interlocked.Decrement(ref failuresLeft) >= 0 ? 500 : 200;

        var slow = new List<string>();
        var fast = new List<string>();
        for (var i = 1; i <= 5; i++)
        {
            slow.Add(await host.CustomerSendsAsync("15550500010", new { type = "text", text = $"slow-{i}" }));
            fast.Add(await host.CustomerSendsAsync("15550500011", new { type = "text", text = $"fast-{i}" }));
        }
        var accepted = await host.Receiver.WaitForAsync(r => r.Count == 10);

        var order = accepted.SelectMany(MessageIds).ToList();
        Assert.Equal(slow, order.Where(slow.Contains));
        Assert.Equal(fast, order.Where(fast.Contains));
        // The other customer was not held up behind the retries.
        Assert.True(order.IndexOf(fast[^1]) < order.IndexOf(slow[0]), string.Join(", ", order));
        Assert.Equal(4, host.Receiver.All.Count(w => w.Text.Contains("slow-1", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ReceiverOutageIsBridgedAndEverythingArrivesInOrder()
    {
        await using var host = await MetaSandboxHost.StartAsync();
        var down = true;
        host.Receiver.Respond = _ => Volatile.Read(ref down) ? 502 : 200;

        var sent = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            sent.Add(await host.CustomerSendsAsync("15550500020", new { type = "text", text = $"during outage {i}" }));
        }
        // Down until Meta has come back to it at least once, however slowly a loaded machine lets it retry (a fixed
        // 700 ms once saw a single attempt).
        await host.Receiver.WaitForAttemptsAsync(all => all.Count(w => w.AnsweredStatus == 502) >= 2);
        Volatile.Write(ref down, false);
        var accepted = await host.Receiver.WaitForAsync(r => r.Count == 5);

        Assert.Equal(sent, accepted.SelectMany(MessageIds));
    }

    private static IEnumerable<string> MessageIds(ReceivedWebhook webhook) =>
        WebhookReceiver.Changes(webhook.Json)
            .Where(v => v.TryGetProperty("messages", out _))
            .SelectMany(v => v.GetProperty("messages").EnumerateArray())
            .Select(m => m.GetProperty("id").GetString()!);

    private static async Task WaitForStatsAsync(MetaSandboxHost host, Func<JsonElement, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition(await host.GetJsonAsync("/sandbox/stats")))
        {
            Assert.True(DateTime.UtcNow < deadline, "Stats condition not reached in time.");
            await Task.Delay(50, MetaSandboxHost.Cancellation);
        }
    }
}
