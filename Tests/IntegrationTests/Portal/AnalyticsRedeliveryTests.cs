using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.IntegrationTests.Gateway;
using WhatsAppGenesys.IntegrationTests.Inbound;
using WhatsAppGenesys.IntegrationTests.Messaging;
using WhatsAppGenesys.Messaging.Publishing;
using static WhatsAppGenesys.IntegrationTests.Portal.AnalyticsDesk;

namespace WhatsAppGenesys.IntegrationTests.Portal;

/// <summary>
/// The history pipeline delivers at least once (a transformer republishes after a crash), so the analytics count
/// what was stored, not what was delivered: every event below reaches portal-service twice, with the same id and
/// body a republish has, through the real broker and consumer, and each message and status counts once.
/// </summary>
[Collection(nameof(ConversationHistoryCollection))]
public sealed class AnalyticsRedeliveryTests(AppFixture fixture)
{
    [Fact]
    public async Task EveryMessageAndStatusCountsOnceHoweverOftenItsEventArrives()
    {
        var ct = TestContext.Current.CancellationToken;
        using var tenant = await PortalTenant.CreateAsync(new GatewayHarness(fixture), ct);
        var infrastructure = await MessagingInfrastructure.FromAsync(fixture);
        // Publishes into the real history pipeline with its default partitions, as the transformers do; consumes nothing.
        await using var transformer = await PipelineHost.StartAsync(infrastructure, Pipelines.History, handle: null, configure: static _ => { }, name: "history-republisher");
        var customer = Sandboxes.NewCustomer();
        var conversation = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        var hour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(-2);
        var t0 = hour.AddMinutes(5);
        ConversationMessageRecorded Message(string direction, string type, DateTimeOffset at) => new(tenant.TenantId, conversation, customer, customer, null,
            Sandboxes.PhoneNumberId, direction, $"wamid.{Guid.NewGuid():N}", direction == HistoryDirections.Outbound ? Guid.NewGuid().ToString("N") : null,
            type, type == "text" ? "words" : null, null, null, null, null, null, null, null, at, null);
        ConversationMessageStatusChanged Status(ConversationMessageRecorded message, string status, string? code = null) =>
            new(tenant.TenantId, customer, message.MessageId, status, code, code is null ? null : "Re-engagement message", now);

        var question = Message(HistoryDirections.Inbound, "text", t0);
        var answer = Message(HistoryDirections.Outbound, "text", t0.AddSeconds(30));
        var overtaken = Message(HistoryDirections.Outbound, "image", t0.AddSeconds(40));
        var failed = Message(HistoryDirections.Outbound, "text", t0.AddSeconds(50));
        var sentinel = Message(HistoryDirections.Inbound, "sticker", t0.AddSeconds(60));

        var history = new ConversationHistoryPublisher(transformer.Publisher);
        async Task TwiceAsync(object historyEvent)
        {
            for (var delivery = 0; delivery < 2; delivery++)
            {
                await (historyEvent switch
                {
                    ConversationMessageRecorded m => history.PublishAsync(m, ct),
                    ConversationMessageStatusChanged s => history.PublishAsync(s, ct),
                    _ => throw new ArgumentException("Not a history event", nameof(historyEvent)),
                });
            }
        }

        await TwiceAsync(question);
        await TwiceAsync(answer);
        await TwiceAsync(Status(answer, HistoryStatuses.Sent));
        await TwiceAsync(Status(answer, HistoryStatuses.Delivered));
        await TwiceAsync(Status(answer, HistoryStatuses.Read));
        // A status that overtakes its message (a later part of a split text): counted when the message is stored.
        await TwiceAsync(Status(overtaken, HistoryStatuses.Read));
        await TwiceAsync(overtaken);
        await TwiceAsync(Status(overtaken, HistoryStatuses.Delivered));
        await TwiceAsync(failed);
        await TwiceAsync(Status(failed, HistoryStatuses.Failed, "131047"));
        // One customer's events are handled in order: once the last is counted, every one before it was handled.
        await TwiceAsync(sentinel);

        var figures = await WaitForHourAsync(tenant.Client, hour, f => Count(f, "inbound.byType.sticker") > 0, ct);

        Assert.Equal((2L, 1L, 1L), (Count(figures, "inbound.total"), Count(figures, "inbound.byType.text"), Count(figures, "inbound.byType.sticker")));
        Assert.Equal((3L, 2L, 1L), (Count(figures, "outbound.total"), Count(figures, "outbound.byType.text"), Count(figures, "outbound.byType.image")));
        // The answer and the overtaken message were read (so delivered); the failed one was neither.
        Assert.Equal((2L, 2L), (Count(figures, "delivered"), Count(figures, "read")));
        Assert.Equal((1L, 1L), (Count(figures, "failures.total"), Count(figures, "failures.byCode.131047")));
        // Only the answer answered anyone: the next two followed an agent message, the sentinel was never answered.
        Assert.Equal((1L, 30.0), (Count(figures, "firstResponse.count"), Number(figures, "firstResponse.averageSeconds")));
        Assert.Equal((1L, 30.0), (Count(figures, "response.count"), Number(figures, "response.averageSeconds")));
    }
}
