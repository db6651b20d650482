using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.Providers;
using WhatsAppGenesys.Contracts.State;
using WhatsAppGenesys.Contracts.Tenancy;
using WhatsAppGenesys.IntegrationTests.Outbound;

namespace WhatsAppGenesys.IntegrationTests.Rcs;

/// <summary>
/// An agent of the demo tenant writing to RCS customers: Genesys opens the conversation with an agentless text (as an
/// agent writing first does), the agent goes on in the Genesys simulator, and the RCS simulator shows what the phone got.
/// </summary>
internal sealed class RcsAgentDesk(AppFixture fixture)
{
    public AgentDesk Desk { get; } = new(fixture);

    private HttpClient Phone => fixture.Client(ServiceNames.RcsSandbox);

    /// <summary>A number the RCS simulator reaches; <c>+1555000…</c> numbers it does not.</summary>
    public static string NewCapableNumber() => "+1415" + RandomNumberGenerator.GetInt32(1_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture);

    public static string NewUnreachableNumber() => "+1555000" + RandomNumberGenerator.GetInt32(1000, 9999).ToString(CultureInfo.InvariantCulture);

    /// <summary>Genesys sends the customer a text with no conversation before it; returns its message and conversation ids.</summary>
    public async Task<(string MessageId, string ConversationId)> AgentWritesFirstAsync(string customerId, string text, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/genesys/messages/agentless")
        {
            Content = JsonContent.Create(new GenesysAgentlessRequest(Guid.NewGuid().ToString("N"), customerId, text)),
        };
        request.Headers.Add(TenancyHeaders.TenantId, "demo");
        using var response = await fixture.Client(ServiceNames.GenesysApi).SendAsync(request, ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(ct));
        var result = (await response.Content.ReadFromJsonAsync<GenesysDeliveryResult>(ct))!;
        return (result.MessageId!, result.ConversationId!);
    }

    /// <summary>What agents sent the phone, in order: <c>messageId</c>, <c>kind</c>, <c>contentMessage</c>.</summary>
    public async Task<List<JsonObject>> PhoneReceivedAsync(string msisdn, CancellationToken ct) =>
        (await Phone.GetFromJsonAsync<JsonArray>($"/sandbox/users/{Uri.EscapeDataString(msisdn)}/received", ct))!.Select(m => m!.AsObject()).ToList();

    public async Task<List<JsonObject>> WaitForPhoneAsync(string msisdn, int count, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        List<JsonObject> received;
        while ((received = await PhoneReceivedAsync(msisdn, ct)).Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The phone got {received.Count} of {count} messages.");
            await Task.Delay(200, ct);
        }
        return received;
    }

    /// <summary>
    /// The outbound ledger row whose provider message id is <paramref name="providerMessageId"/>, once it says
    /// <paramref name="status"/> or a later one: the phone's DELIVERED and READ can move it on before a test looks.
    /// </summary>
    public async Task<TrackedMessage> WaitForLedgerAsync(string providerMessageId, string status, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/state/message/by-wamid/{Uri.EscapeDataString(providerMessageId)}");
            request.Headers.Add(TenancyHeaders.TenantId, "demo");
            using var response = await fixture.Client(ServiceNames.StateManager).SendAsync(request, ct);
            if (response.IsSuccessStatusCode && await response.Content.ReadFromJsonAsync<TrackedMessage>(ct) is { } row && Reached(row.Status, status))
            {
                return row;
            }
            Assert.True(DateTime.UtcNow < deadline, $"No {status} ledger row for {providerMessageId} ({(int)response.StatusCode}).");
            await Task.Delay(200, ct);
        }
    }

    private static readonly string[] Progress = [MessageStatus.Received, MessageStatus.Sent, MessageStatus.Delivered, MessageStatus.Read];

    private static bool Reached(string current, string wanted) =>
        current == wanted || (Array.IndexOf(Progress, wanted) is >= 0 and var target && Array.IndexOf(Progress, current) >= target);

    /// <summary>An agent's message to the customer as Genesys's outbound webhook body (signed and posted by the simulator).</summary>
    public static JsonObject WebhookBody(string customerId, string conversationId, string type, JsonObject content)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var body = new JsonObject
        {
            ["id"] = id,
            ["channel"] = new JsonObject
            {
                ["id"] = AgentDesk.IntegrationId,
                ["platform"] = "Open",
                ["type"] = "Private",
                ["to"] = new JsonObject { ["id"] = customerId },
                ["from"] = new JsonObject { ["nickname"] = "Support", ["id"] = AgentDesk.IntegrationId, ["idType"] = "Opaque" },
                ["time"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
                ["messageId"] = id,
            },
            ["type"] = type,
            ["originatingEntity"] = "Human",
            ["direction"] = "Outbound",
            ["conversationId"] = conversationId,
        };
        foreach (var (name, value) in content)
        {
            body[name] = value?.DeepClone();
        }
        return body;
    }
}
