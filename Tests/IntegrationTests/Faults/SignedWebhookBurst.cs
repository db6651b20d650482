using System.Text;

namespace WhatsAppGenesys.IntegrationTests.Faults;

/// <summary>
/// Customers' text messages as Meta webhooks written, signed and posted by the test itself straight to the
/// whatsapp-webhook service (the Meta sandbox sends one customer's webhooks one at a time); checked at the Genesys
/// sandbox like every inbound burst. Each send must be answered 200, which the service gives only once it is queued.
/// </summary>
public sealed class SignedWebhookBurst(AppFixture fixture, BurstPlan plan, HttpClient webhook) : InboundBurst(fixture, plan)
{
    // Meta's timestamp of message n is this plus n seconds: the customers sent their messages a second apart an hour
    // ago and Meta now delivers the backlog all at once, as after an outage on our side.
    private readonly long _backlogStart = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds();

    /// <summary>
    /// Before the burst, one message per customer is delivered and then every connection the burst will use is
    /// opened. The service's first requests run code not compiled yet and fill its caches, and requests arriving
    /// meanwhile reach the point where their order is taken in whatever order their threads get there; a send that
    /// has to wait for a new connection reaches the service after later sends on open ones. Either would change the
    /// order before the service could see it. The first messages also open the customers' conversations.
    /// </summary>
    protected override async Task PrepareAsync(CancellationToken ct)
    {
        await Task.WhenAll(Customers.Select(async customer =>
        {
            var wamid = await PostAsync(customer, "warm-up", _backlogStart, ct);
            var deadline = DateTime.UtcNow + Plan.DeliveryTimeout;
            while (!(await ReadReceivedAsync(customer, ct)).Any(m => m.Id == wamid))
            {
                Assert.True(DateTime.UtcNow < deadline, $"The warm-up message of {customer} was not delivered within {Plan.DeliveryTimeout}.");
                await Task.Delay(250, ct);
            }
        }));
        await Task.WhenAll(Enumerable.Range(0, Plan.Concurrency).Select(async _ =>
        {
            using var alive = await webhook.GetAsync("/alive", ct);
            alive.EnsureSuccessStatusCode();
        }));
    }

    /// <summary>Text only: <paramref name="image"/> is not used.</summary>
    protected override async Task<(string, string)> SendAsync(string customer, int n, bool image, CancellationToken ct)
    {
        var wamid = await PostAsync(customer, TextOf(customer, n), _backlogStart + n, ct);
        return (wamid, wamid);
    }

    private async Task<string> PostAsync(string customer, string text, long timestamp, CancellationToken ct)
    {
        var wamid = $"wamid.{RunId}{Guid.NewGuid():N}";
        var body = Encoding.UTF8.GetBytes(MetaWebhooks.TextWebhook(customer, MetaWebhooks.DemoPhoneNumberId, wamid, text, timestamp));
        using var response = await MetaWebhooks.PostAsync(webhook, body, MetaWebhooks.DemoAppSecret, ct);
        response.EnsureSuccessStatusCode();
        return wamid;
    }
}
