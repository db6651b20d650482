using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WhatsAppGenesys.Contracts;

namespace WhatsAppGenesys.IntegrationTests.Faults;

/// <summary>
/// Customers write over RCS through the RCS simulator (the demo tenant's default agent, whose webhook is rcs-api's);
/// checked in the agent's conversations at the Genesys sandbox, by RBM messageId, as <see cref="InboundBurst"/> is.
/// A customer of the burst is the same digits as WhatsApp's bursts use, written E.164 (<c>+19…</c>).
/// </summary>
public sealed class RcsInboundBurst(AppFixture fixture, BurstPlan plan) : Burst(fixture, plan, "inbound-transformer", "inbound-rcs")
{
    private static readonly string Pixel = Convert.ToBase64String([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 9, 8, 7, 6, 5, 4, 3, 2]);

    protected override async Task<(string, string)> SendAsync(string customer, int n, bool image, CancellationToken ct)
    {
        var text = TextOf(customer, n);
        object message = image
            ? new { file = new { base64 = Pixel, mimeType = "image/png", fileName = $"{n}.png" } }
            : new { text };
        using var response = await Fixture.Client(ServiceNames.RcsSandbox).PostAsJsonAsync($"/sandbox/users/%2B{customer}/messages", message, ct);
        response.EnsureSuccessStatusCode();
        var messageId = (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!["userEvent"]!["messageId"]!.GetValue<string>();
        return (messageId, messageId);
    }

    protected override async Task<long> DeliveredCountAsync(CancellationToken ct) =>
        (await Fixture.Client("genesys-sandbox").GetFromJsonAsync<JsonObject>("/sandbox/counters", ct))!["inboundMessagesAccepted"]!.GetValue<long>();

    protected override Task<List<ReceivedMessage>> ReadReceivedAsync(string customer, CancellationToken ct) =>
        InboundBurst.ReadAgentViewAsync(Fixture, $"rcs:+{customer}", ct);
}
