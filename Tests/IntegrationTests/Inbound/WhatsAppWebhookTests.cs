using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace WhatsAppGenesys.IntegrationTests.Inbound;

/// <summary>The WhatsApp webhook's front door: the subscription handshake, and bad input refused with the right 4xx and nothing queued.</summary>
public class WhatsAppWebhookTests(AppFixture fixture)
{
    private readonly Sandboxes _sandboxes = new(fixture);

    [Fact]
    public async Task SubscriptionHandshakeEchoesTheChallengeOnlyForTheRightToken()
    {
        var meta = fixture.Client("meta-sandbox");

        var good = await (await meta.PostAsJsonAsync("/sandbox/webhooks/verify", new { challenge = "1158201444" }, TestContext.Current.CancellationToken))
            .Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken);
        var bad = await (await meta.PostAsJsonAsync("/sandbox/webhooks/verify", new { challenge = "1158201444", verifyToken = "guess" }, TestContext.Current.CancellationToken))
            .Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken);

        Assert.True(good!["challengeEchoed"]!.GetValue<bool>(), good.ToJsonString());
        Assert.Equal(200, good["status"]!.GetValue<int>());
        Assert.Equal(403, bad!["status"]!.GetValue<int>());
    }

    public static TheoryData<string, int> BadInput => new()
    {
        { "bad signature", 401 },
        { "no signature", 401 },
        { "signed with another tenant's secret", 401 },
        { "unknown phone number id", 403 },
        { "not JSON", 400 },
        { "truncated JSON", 400 },
        { "deeply nested JSON", 400 },
        { "JSON that is not a webhook", 400 },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task BadInputIsRefusedAndNothingReachesTheAgent(string kind, int expected)
    {
        var customer = Sandboxes.NewCustomer();
        var webhook = TextWebhook(customer, Sandboxes.PhoneNumberId);
        object request = kind switch
        {
            "bad signature" => new { body = webhook, signature = "sha256=" + new string('0', 64) },
            "no signature" => new { body = webhook, omitSignature = true },
            "signed with another tenant's secret" => new { body = webhook, appSecret = "another-tenants-app-secret" },
            "unknown phone number id" => new { body = TextWebhook(customer, "999000999000"), phoneNumberId = Sandboxes.PhoneNumberId },
            "not JSON" => new { body = "this is not json \u0001" },
            "truncated JSON" => new { body = webhook[..(webhook.Length / 2)] },
            "deeply nested JSON" => new { body = new string('[', 5000) + new string(']', 5000) },
            _ => new { body = """{"hello":"world"}""" },
        };

        Assert.Equal(expected, await _sandboxes.PostRawWebhookAsync(request));

        await Task.Delay(1500, TestContext.Current.CancellationToken);
        Assert.Null(await _sandboxes.ConversationAsync(customer));
    }

    [Fact]
    public async Task WrongContentTypeAndOversizedBodiesAreRefused()
    {
        var webhook = fixture.Client("whatsapp-webhook");

        using var plain = new StringContent(TextWebhook(Sandboxes.NewCustomer(), Sandboxes.PhoneNumberId), Encoding.UTF8, "text/plain");
        plain.Headers.Add("X-Hub-Signature-256", "sha256=" + new string('0', 64));
        using var huge = new ByteArrayContent(new byte[10 * 1024 * 1024]);
        huge.Headers.ContentType = new("application/json");
        huge.Headers.Add("X-Hub-Signature-256", "sha256=" + new string('0', 64));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await webhook.PostAsync("/webhook/whatsapp", plain, TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await webhook.PostAsync("/webhook/whatsapp", huge, TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await webhook.GetAsync("/alive", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task PoisonMessageIsParkedInTheErrorQueueAndCanBeReplayed()
    {
        var customer = Sandboxes.NewCustomer();
        var wamid = $"wamid.poison{Guid.NewGuid():N}";
        // A timestamp that is not a number: the webhook accepts the envelope, the transformer cannot read the message.
        var body = TextWebhook(customer, Sandboxes.PhoneNumberId, wamid).Replace("\"timestamp\":\"1700000000\"", "\"timestamp\":\"yesterday\"", StringComparison.Ordinal);
        var admin = fixture.Client("inbound-transformer");

        Assert.Equal(200, await _sandboxes.PostRawWebhookAsync(new { body }));

        var parked = await WaitForParkedAsync(admin, wamid);
        Assert.Equal($"demo:{customer}", parked["orderingKey"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(parked["reason"]!.GetValue<string>()));

        var replay = await admin.PostAsync($"/admin/pipelines/inbound-whatsapp/errors/replay?messageId={Uri.EscapeDataString(wamid)}", null, TestContext.Current.CancellationToken);
        replay.EnsureSuccessStatusCode();
        // Still unreadable, so it is parked again rather than lost, and the agent never got a garbled message.
        await WaitForParkedAsync(admin, wamid);
        Assert.Null(await _sandboxes.ConversationAsync(customer));
    }

    private static async Task<JsonObject> WaitForParkedAsync(HttpClient admin, string messageId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var parked = await admin.GetFromJsonAsync<JsonArray>("/admin/pipelines/inbound-whatsapp/errors", TestContext.Current.CancellationToken);
            if (parked!.FirstOrDefault(p => p!["messageId"]!.GetValue<string>() == messageId) is JsonObject found)
            {
                return found;
            }
            Assert.True(DateTime.UtcNow < deadline, $"{messageId} was not parked in the error queue");
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
    }

    private static string TextWebhook(string customer, string phoneNumberId, string? wamid = null) =>
        $$$"""{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"{{{phoneNumberId}}}"},"contacts":[{"profile":{"name":"Test"},"wa_id":"{{{customer}}}"}],"messages":[{"from":"{{{customer}}}","id":"{{{wamid ?? "wamid." + Guid.NewGuid().ToString("N")}}}","timestamp":"1700000000","type":"text","text":{"body":"hello"}}]},"field":"messages"}]}]}""";
}
