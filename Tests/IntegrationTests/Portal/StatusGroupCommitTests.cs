using Npgsql;
using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.IntegrationTests.Gateway;
using WhatsAppGenesys.IntegrationTests.Inbound;
using WhatsAppGenesys.IntegrationTests.Messaging;
using WhatsAppGenesys.Messaging.Publishing;
using WhatsAppGenesys.IntegrationTests.Telemetry;
using static WhatsAppGenesys.IntegrationTests.Portal.AnalyticsDesk;

namespace WhatsAppGenesys.IntegrationTests.Portal;

/// <summary>
/// Statuses of many customers at once, as a campaign brings them, through the real history pipeline into
/// portal-service, which writes the statuses handed in at the same moment in one transaction: every message still
/// ends at its strongest status, each status is kept and counted once (repeats and statuses that overtake their
/// message included), and the spans show transactions that held several statuses.
/// </summary>
[Collection(nameof(ConversationHistoryCollection))]
public sealed class StatusGroupCommitTests(AppFixture fixture)
{
    private const int Customers = 40;
    private const int Overtaken = 8;

    [Fact]
    public async Task ABurstOfStatusesIsWrittenTogetherAndEachCountsOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        using var tenant = await PortalTenant.CreateAsync(new GatewayHarness(fixture), ct);
        var infrastructure = await MessagingInfrastructure.FromAsync(fixture);
        // Publishes into the real history pipeline with its default partitions, as the transformers do; consumes nothing.
        await using var transformer = await PipelineHost.StartAsync(infrastructure, Pipelines.History, handle: null, configure: static _ => { }, name: "status-burst");
        var now = DateTimeOffset.UtcNow;
        var hour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(-3);
        var messages = Enumerable.Range(0, Customers + Overtaken).Select(i =>
        {
            var customer = Sandboxes.NewCustomer();
            return new ConversationMessageRecorded(tenant.TenantId, Guid.NewGuid(), customer, customer, null, Sandboxes.PhoneNumberId,
                HistoryDirections.Outbound, $"wamid.{Guid.NewGuid():N}", Guid.NewGuid().ToString("N"), "text", "Your order has shipped",
                null, null, null, null, null, null, null, hour.AddMinutes(10), null);
        }).ToList();
        ConversationMessageStatusChanged Status(ConversationMessageRecorded message, string status) =>
            new(tenant.TenantId, message.CustomerId, message.MessageId, status, null, null, hour.AddMinutes(11));
        var history = new ConversationHistoryPublisher(transformer.Publisher);
        Task PublishAsync(ConversationMessageRecorded m) => history.PublishAsync(m, ct);
        Task PublishStatusAsync(ConversationMessageStatusChanged s) => history.PublishAsync(s, ct);

        var since = DateTime.UtcNow;
        var stored = messages.Take(Customers).ToList();
        await Task.WhenAll(stored.Select(PublishAsync));
        // Each customer's events in order, all customers at once: sent, delivered (every fifth twice), read; and for the
        // last eight, delivered and read before their message (a status overtaking the send it reports on).
        await Task.WhenAll(messages.Select(async (message, i) =>
        {
            if (i >= Customers)
            {
                await PublishStatusAsync(Status(message, HistoryStatuses.Delivered));
                await PublishStatusAsync(Status(message, HistoryStatuses.Read));
                await PublishAsync(message);
                return;
            }
            await PublishStatusAsync(Status(message, HistoryStatuses.Sent));
            await PublishStatusAsync(Status(message, HistoryStatuses.Delivered));
            if (i % 5 == 0)
            {
                await PublishStatusAsync(Status(message, HistoryStatuses.Delivered));
            }
            await PublishStatusAsync(Status(message, HistoryStatuses.Read));
        }));

        var figures = await WaitForHourAsync(tenant.Client, hour, f => Count(f, "read") >= messages.Count && Count(f, "outbound.total") >= messages.Count, ct);

        Assert.Equal((48L, 48L, 48L), (Count(figures, "outbound.total"), Count(figures, "delivered"), Count(figures, "read")));
        await using var database = await new HistoryDesk(fixture).PortalDatabaseAsync(ct);
        Assert.Equal(["read"], await ScalarsAsync(database, "SELECT DISTINCT status FROM history_messages WHERE tenant_id = $1", tenant.TenantId, ct));
        Assert.Equal([$"{Customers * 3 + Overtaken * 2}"],
            await ScalarsAsync(database, "SELECT count(*)::text FROM history_message_statuses WHERE tenant_id = $1", tenant.TenantId, ct));
        // The burst shared transactions: at least one of portal-service's status transactions held more than one.
        var largest = await TelemetryFiles.LargestBatchAsync(fixture.SpanDirectory, "portal-service", "history statuses", since, ct);
        Assert.True(largest > 1, $"every status transaction held one status (largest {largest})");
    }

    private static async Task<List<string>> ScalarsAsync(NpgsqlConnection database, string sql, string tenantId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, database) { Parameters = { new() { Value = tenantId } } };
        await using var reader = await command.ExecuteReaderAsync(ct);
        var values = new List<string>();
        while (await reader.ReadAsync(ct))
        {
            values.Add(reader.GetString(0));
        }
        return values;
    }
}
