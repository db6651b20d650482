using WhatsAppGenesys.Sandbox.Tests.Rcs.Infrastructure;

namespace WhatsAppGenesys.Sandbox.Tests.Rcs;

// After an accepted agent message the simulated phone reports DELIVERED, then READ, to our webhook, signed as RBM signs.
public sealed class ReceiptTests
{
    [Fact]
    public async Task DeliveredThenReadArePostedInRbmsPubSubEnvelopeAndSigned()
    {
        await using var host = await RcsSandboxHost.StartAsync();
        var token = await host.GetAccessTokenAsync();
        var messageId = RcsSandboxHost.NewId();

        await host.SendAcceptedAsync("+15551290001", RcsSandboxHost.Text("hello"), token, messageId);
        await host.Receiver.WaitForAsync(_ => host.Receiver.EventsFor(messageId).Count == 2);

        var events = host.Receiver.EventsFor(messageId);
        Assert.Equal(["DELIVERED", "READ"], events.Select(e => e.EventType));
        Assert.All(events, webhook =>
        {
            Assert.True(webhook.SignatureValid(RcsSandboxHost.WebhookSecret), "X-Goog-Signature must be Base64(HMAC-SHA512) of the decoded data");
            Assert.False(webhook.SignatureValid("another-client-token"));
            Assert.StartsWith("application/json", webhook.ContentType, StringComparison.Ordinal);
            Assert.StartsWith("APIs-Google", webhook.UserAgent, StringComparison.Ordinal);

            var envelope = webhook.Json;
            var message = envelope.GetProperty("message");
            Assert.False(string.IsNullOrEmpty(message.GetProperty("messageId").GetString()));
            Assert.Equal(message.GetProperty("messageId").GetString(), message.GetProperty("message_id").GetString());
            Assert.Equal(message.GetProperty("publishTime").GetString(), message.GetProperty("publish_time").GetString());
            Assert.StartsWith("projects/", envelope.GetProperty("subscription").GetString(), StringComparison.Ordinal);

            var userEvent = webhook.Event;
            Assert.Equal("+15551290001", userEvent.GetProperty("senderPhoneNumber").GetString());
            Assert.Equal(messageId, userEvent.GetProperty("messageId").GetString());
            Assert.Equal(RcsSandboxHost.EventAgentId, userEvent.GetProperty("agentId").GetString());
            Assert.StartsWith("Ms", userEvent.GetProperty("eventId").GetString(), StringComparison.Ordinal);
            Assert.EndsWith("Z", userEvent.GetProperty("sendTime").GetString(), StringComparison.Ordinal);
        });
        // The signature covers the event, not the envelope around it.
        Assert.False(GoogSignatureCheck.Verify(events[0].Body, events[0].Signature, RcsSandboxHost.WebhookSecret));

        var received = (await host.GetJsonAsync("/sandbox/users/%2B15551290001/received"))[0];
        Assert.Equal(["DELIVERED", "READ"], received.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("eventType").GetString()));
    }

    [Fact]
    public async Task FinalEventDeliveredStopsBeforeRead()
    {
        await using var host = await RcsSandboxHost.StartAsync();
        await host.PatchAsync("/sandbox/settings", new { finalEvent = "DELIVERED" });
        var token = await host.GetAccessTokenAsync();
        var messageId = RcsSandboxHost.NewId();

        await host.SendAcceptedAsync("+15551290002", RcsSandboxHost.Text("hello"), token, messageId);
        await host.Receiver.WaitForAsync(_ => host.Receiver.EventsFor(messageId).Count == 1);
        await Task.Delay(200, RcsSandboxHost.Ct);

        Assert.Equal(["DELIVERED"], host.Receiver.EventsFor(messageId).Select(e => e.EventType));
    }

    [Fact]
    public async Task ReceiptsGoToTheAgentsOwnWebhookSignedWithItsClientToken()
    {
        await using var host = await RcsSandboxHost.StartAsync();
        await using var other = await RcsWebhookReceiver.StartAsync();
        await OAuthTokenTests.RegisterSecondAgentAsync(host, other.Url);
        var token = await host.GetAccessTokenAsync("second-client", "second-secret");
        var messageId = RcsSandboxHost.NewId();

        using (var response = await host.SendAsync("+15551290003", RcsSandboxHost.Text("hi"), token, messageId, "second_agent"))
        {
            Assert.True(response.IsSuccessStatusCode);
        }
        await other.WaitForAsync(_ => other.EventsFor(messageId).Count == 2);

        Assert.All(other.EventsFor(messageId), w =>
        {
            Assert.True(w.SignatureValid("second-client-token"));
            Assert.Equal("second_agent@rbm.goog", w.Event.GetProperty("agentId").GetString());
        });
        Assert.Empty(host.Receiver.All);
    }

    [Fact]
    public async Task AFailingWebhookIsRetriedUntilItAcknowledges()
    {
        await using var host = await RcsSandboxHost.StartAsync();
        host.Receiver.Script(500, 503);
        var token = await host.GetAccessTokenAsync();
        var messageId = RcsSandboxHost.NewId();

        await host.SendAcceptedAsync("+15551290004", RcsSandboxHost.Text("hello"), token, messageId);
        await host.Receiver.WaitForAsync(_ => host.Receiver.EventsFor(messageId).Count == 2);

        // Order holds through the retries: DELIVERED was retried twice before READ went out.
        Assert.Equal(["DELIVERED", "DELIVERED", "DELIVERED", "READ"], host.Receiver.All.Select(w => w.EventType));
        var counters = await host.WaitForCountersAsync(c => c.GetProperty("webhooksPosted").GetInt32() == 2);
        Assert.Equal(4, counters.GetProperty("webhookAttempts").GetInt32());
        Assert.Equal(2, counters.GetProperty("webhooksRetried").GetInt32());
        Assert.Equal(2, counters.GetProperty("webhooksPosted").GetInt32());
    }
}
