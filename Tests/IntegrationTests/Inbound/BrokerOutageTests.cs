using WhatsAppGenesys.IntegrationTests.Foundation;

namespace WhatsAppGenesys.IntegrationTests.Inbound;

/// <summary>Never 200 for what is not safely queued: with RabbitMQ down the webhook answers 5xx, Meta redelivers, and once the broker is back the message goes through.</summary>
[Collection(typeof(FaultInjectionCollection))]
public sealed class BrokerOutageTests(AppFixture fixture)
{
    [Fact]
    public async Task WebhookAnswers5xxWhileTheBrokerIsDownAndTheRedeliveryGoesThroughOnceItIsBack()
    {
        var ct = TestContext.Current.CancellationToken;
        var sandboxes = new Sandboxes(fixture);
        var customer = Sandboxes.NewCustomer();

        await fixture.App.StopResourceAsync("rabbitmq", TestContext.Current.CancellationToken);
        try
        {
            var status = await sandboxes.PostRawWebhookAsync(new
            {
                body = $$$"""{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},"messages":[{"from":"{{{customer}}}","id":"wamid.outage{{{Guid.NewGuid():N}}}","timestamp":"1700000000","type":"text","text":{"body":"probe"}}]}}]}]}""",
            });
            Assert.InRange(status, 500, 599);

            // A real customer message meanwhile: the Meta sandbox keeps redelivering it with back-off, as Meta does.
            await sandboxes.CustomerSendsAsync(customer, new { type = "text", text = "sent during the outage" });
            await Task.Delay(TimeSpan.FromSeconds(3), ct);
        }
        finally
        {
            await fixture.App.StartResourceAsync("rabbitmq", ct);
        }

        var received = await sandboxes.WaitForAgentMessagesAsync(customer, 1, TimeSpan.FromSeconds(90));
        Assert.Equal(["sent during the outage"], received.Select(Sandboxes.Text));
    }
}
