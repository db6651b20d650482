using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WhatsAppGenesys.IntegrationTests.Inbound;

/// <summary>
/// Drives the two simulators the way a customer and an agent would: a customer writes through the Meta sandbox,
/// and we look at what the agent got in the Genesys sandbox.
/// </summary>
public sealed class Sandboxes(AppFixture fixture)
{
    public const string PhoneNumberId = "106540352242922";

    private HttpClient Meta => fixture.Client("meta-sandbox");

    private HttpClient Genesys => fixture.Client("genesys-sandbox");

    /// <summary>A fresh customer number per test, so tests never see each other's conversations.</summary>
    public static string NewCustomer() => "1555" + Random.Shared.NextInt64(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The customer sends a message; returns its wamid.</summary>
    public async Task<string> CustomerSendsAsync(string waId, object message)
    {
        using var response = await Meta.PostAsJsonAsync($"/sandbox/customers/{waId}/messages", message);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return body!["wamid"]!.GetValue<string>();
    }

    /// <summary>Posts a raw body through the Meta sandbox's webhook sender; returns the status our webhook answered.</summary>
    public async Task<int> PostRawWebhookAsync(object request)
    {
        using var response = await Meta.PostAsJsonAsync("/sandbox/webhooks/raw", request);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return body!["status"]!.GetValue<int>();
    }

    /// <summary>The agent's view of the customer's conversation, or null while there is none.</summary>
    public async Task<JsonObject?> ConversationAsync(string customerId)
    {
        using var response = await Genesys.GetAsync($"/sandbox/conversations/lookup?customerId={Uri.EscapeDataString(customerId)}");
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonObject>() : null;
    }

    /// <summary>Inbound messages the agent received from the customer, in order.</summary>
    public async Task<List<JsonObject>> AgentReceivedAsync(string customerId) =>
        (await ConversationAsync(customerId))?["messages"]?.AsArray()
            .Select(m => m!.AsObject())
            .Where(m => m["direction"]?.GetValue<string>() == "Inbound" && m["rejected"]?.GetValue<bool>() != true)
            .ToList() ?? [];

    /// <summary>Waits until the agent has at least <paramref name="count"/> messages from the customer.</summary>
    public async Task<List<JsonObject>> WaitForAgentMessagesAsync(string customerId, int count, TimeSpan? timeout = null)
    {
        // Generous: tests run in parallel on two cores, and twice a clean-clone run saw a new customer's first message
        // take over 45 s while other tests' bursts loaded the machine. A lost message still fails the test.
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        List<JsonObject> received;
        while ((received = await AgentReceivedAsync(customerId)).Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The agent got {received.Count} of {count} messages from {customerId}.");
            }
            await Task.Delay(200);
        }
        return received;
    }

    public async Task InjectGenesysFaultAsync(object rule)
    {
        using var response = await Genesys.PostAsJsonAsync("/sandbox/faults", rule);
        response.EnsureSuccessStatusCode();
    }

    public async Task ClearGenesysFaultsAsync()
    {
        using var response = await Genesys.DeleteAsync("/sandbox/faults");
        response.EnsureSuccessStatusCode();
    }

    public static string Text(JsonObject message) => message["text"]?.GetValue<string>() ?? "";

    public static string ChannelMessageId(JsonObject message) => message["channelMessageId"]?.GetValue<string>() ?? "";

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);
}
