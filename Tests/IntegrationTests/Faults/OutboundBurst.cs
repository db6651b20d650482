using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace WhatsAppGenesys.IntegrationTests.Faults;

/// <summary>
/// Agents answer through the Genesys sandbox (which posts each conversation's messages to our Genesys webhook in
/// order); checked in what each customer got at the Meta sandbox, by text. Every customer writes once first, so each
/// has a conversation and an open 24-hour window.
/// </summary>
public sealed class OutboundBurst(AppFixture fixture, BurstPlan plan) : Burst(fixture, plan, "outbound-transformer", "outbound-genesys")
{
    private readonly ConcurrentDictionary<string, string> _conversations = new(StringComparer.Ordinal);

    private HttpClient Meta => Fixture.Client("meta-sandbox");

    private HttpClient Genesys => Fixture.Client("genesys-sandbox");

    protected override async Task PrepareAsync(CancellationToken ct)
    {
        await Parallel.ForEachAsync(Customers, new ParallelOptions { MaxDegreeOfParallelism = Plan.Concurrency, CancellationToken = ct }, async (customer, token) =>
        {
            using var response = await Meta.PostAsJsonAsync($"/sandbox/customers/{customer}/messages", new { type = "text", text = "Hello, can someone help me?" }, token);
            response.EnsureSuccessStatusCode();
        });

        var deadline = DateTime.UtcNow + Plan.DeliveryTimeout;
        while (_conversations.Count < Customers.Count)
        {
            await Parallel.ForEachAsync(Customers.Where(c => !_conversations.ContainsKey(c)).ToList(),
                new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (customer, token) =>
                {
                    using var response = await Genesys.GetAsync($"/sandbox/conversations/lookup?customerId={customer}", token);
                    if (response.IsSuccessStatusCode)
                    {
                        _conversations[customer] = (await response.Content.ReadFromJsonAsync<JsonObject>(token))!["id"]!.GetValue<string>();
                    }
                });
            if (_conversations.Count < Customers.Count)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"Only {_conversations.Count} of {Customers.Count} customers got a conversation with an agent.");
                }
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
        }
    }

    protected override async Task<(string, string)> SendAsync(string customer, int n, bool image, CancellationToken ct)
    {
        var text = TextOf(customer, n);
        using var response = await Genesys.PostAsJsonAsync($"/sandbox/conversations/{_conversations[customer]}/agent-messages", new { text }, ct);
        response.EnsureSuccessStatusCode();
        var id = (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!["id"]!.GetValue<string>();
        return (text, id);
    }

    protected override async Task<long> DeliveredCountAsync(CancellationToken ct) =>
        (await Meta.GetFromJsonAsync<JsonObject>("/sandbox/stats", ct))!["messagesAccepted"]!.GetValue<long>();

    protected override async Task<List<ReceivedMessage>> ReadReceivedAsync(string customer, CancellationToken ct) =>
        (await Meta.GetFromJsonAsync<JsonArray>($"/sandbox/customers/{customer}/messages", ct))!
            .Select(m => m!.AsObject())
            .Select(m => new ReceivedMessage(
                m["body"]?["text"]?["body"]?.GetValue<string>() ?? m["wamid"]?.GetValue<string>() ?? "",
                m["errorCode"] is JsonValue,
                null))
            .ToList();
}
