using WhatsAppGenesys.IntegrationTests.Foundation;

namespace WhatsAppGenesys.IntegrationTests.Faults;

/// <summary>
/// Meta does not promise one webhook at a time per customer. Customers' webhooks posted straight to the
/// whatsapp-webhook service over 64 connections, each customer's next one posted before the previous one was
/// answered: every message must reach the agent exactly once and in the order posted. It runs with the fault
/// scenarios, alone, because what it checks depends on timing that parallel tests would disturb.
/// </summary>
[Collection(typeof(FaultInjectionCollection))]
public sealed class ConcurrentWebhookBurstTests(AppFixture fixture)
{
    [Fact]
    public async Task OneCustomersConcurrentWebhooksReachTheAgentOnceEachInTheOrderPosted()
    {
        // 400 a second over 16 customers: each customer's webhooks 40 ms apart, while under such a burst one takes
        // longer than that to check, archive and queue, so several of one customer are in the service at once. Closer
        // than that, "posted first" stops meaning "reached the service first" on a busy 2-core machine: the two
        // requests' threads can be scheduled either way round before the service sees either. Each message carries
        // its own second as Meta's timestamp (a backlog Meta delivers at once), which the service also orders by.
        var plan = new BurstPlan
        {
            Messages = 480,
            Customers = 16,
            Concurrency = 64,
            MessagesPerSecond = 400,
            ConcurrentPerCustomer = true,
            DeliveryTimeout = TimeSpan.FromMinutes(2),
        };
        using var webhook = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = plan.Concurrency })
        {
            // The replica itself, not the proxy in front of it: the order under test is the one a replica sees.
            BaseAddress = fixture.App.GetReplicaEndpoint("whatsapp-webhook", 0),
        };

        var report = await new FaultScenario(fixture).RunAsync(new SignedWebhookBurst(fixture, plan, webhook), (_, _) => Task.CompletedTask);

        report.AssertEveryMessageDeliveredOnceInOrder();
    }
}
