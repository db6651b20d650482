using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using WhatsAppGenesys.Contracts;

namespace WhatsAppGenesys.IntegrationTests.Rcs;

/// <summary>
/// A customer on RCS, driven at the RCS simulator the way a phone would: what they write goes through the simulator's
/// user lane to the webhook it is configured with (rcs-api's, in the AppHost), signed as RBM signs it. The demo
/// tenant owns the simulator's default agent, and its Genesys integration is the Genesys simulator's.
/// </summary>
internal sealed class RcsCustomers(AppFixture fixture)
{
    public HttpClient Simulator => fixture.Client(ServiceNames.RcsSandbox);

    /// <summary>A fresh E.164 number per test (capable: not under the simulator's +1555000 prefix).</summary>
    public static string NewMsisdn() => "+4477009" + RandomNumberGenerator.GetInt32(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>What Genesys and the state manager know an RCS customer by.</summary>
    public static string CustomerId(string msisdn) => $"rcs:{msisdn}";

    /// <summary>The customer writes (<paramref name="message"/>: text, suggestionResponse, location or file); returns the simulator's answer once our webhook answered.</summary>
    public async Task<JsonObject> SendsAsync(string msisdn, object message, CancellationToken ct)
    {
        using var response = await Simulator.PostAsJsonAsync($"/sandbox/users/{Uri.EscapeDataString(msisdn)}/messages", message, ct);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!;
        Assert.True(response.IsSuccessStatusCode, body.ToJsonString());
        return body;
    }

    /// <summary>The status our webhook answered the simulator's first attempt with.</summary>
    public static int WebhookStatus(JsonObject answer) => answer["webhook"]!["status"]!.GetValue<int>();

    /// <summary>The RBM messageId the simulator gave the customer's message.</summary>
    public static string MessageId(JsonObject answer)
    {
        var userEvent = answer["userEvent"]!;
        var parsed = userEvent is JsonValue text ? JsonNode.Parse(text.GetValue<string>())! : userEvent;
        return parsed["messageId"]!.GetValue<string>();
    }

    /// <summary>
    /// Posts one exact event through the simulator's raw sender (signed with the default agent's client token unless
    /// overridden); returns the status our webhook answered. An attempt our webhook did not answer within the
    /// simulator's 10 s is sent again, up to three times, as RBM redelivers: on a loaded two-core machine an answer
    /// once took longer, and a redelivery of what was already accepted must be harmless anyway.
    /// </summary>
    public async Task<int> PostRawAsync(object request, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var response = await Simulator.PostAsJsonAsync("/sandbox/webhooks/raw", request, ct);
            var body = (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!;
            Assert.True(response.IsSuccessStatusCode, body.ToJsonString());
            if (body["status"] is { } status)
            {
                return status.GetValue<int>();
            }
            Assert.True(attempt < 3, $"Our RCS webhook did not answer three attempts: {body["error"]}");
        }
    }

    /// <summary>A user text event as RBM writes it, from <paramref name="msisdn"/> (none when null) to <paramref name="agentId"/>.</summary>
    public static string TextEvent(string? msisdn, string agentId, string text) => new JsonObject
    {
        ["senderPhoneNumber"] = msisdn,
        ["messageId"] = "MxRaw" + Guid.NewGuid().ToString("N"),
        ["sendTime"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture),
        ["agentId"] = agentId + "@rbm.goog",
        ["text"] = text,
    }.ToJsonString();

    /// <summary>
    /// A receipt as RBM writes it (DELIVERED, READ) about <paramref name="messageId"/>. Posted raw: the simulator's own
    /// events route only takes receipts of messages it carried, and these are about messages the test put in the ledger.
    /// </summary>
    public static string ReceiptEvent(string msisdn, string agentId, string eventType, string messageId) => new JsonObject
    {
        ["senderPhoneNumber"] = msisdn,
        ["eventType"] = eventType,
        ["eventId"] = "MsRaw" + Guid.NewGuid().ToString("N"),
        ["messageId"] = messageId,
        ["sendTime"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture),
        ["agentId"] = agentId + "@rbm.goog",
    }.ToJsonString();
}
