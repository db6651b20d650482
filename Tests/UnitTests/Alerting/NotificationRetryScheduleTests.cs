using WhatsAppGenesys.AlertService.Data;
using WhatsAppGenesys.AlertService.Notifications;
using WhatsAppGenesys.Contracts.Alerts;

namespace WhatsAppGenesys.UnitTests.Alerting;

/// <summary>A failed notification is sent again with a doubling delay until it is sent or out of attempts; a stale opening is dropped.</summary>
public sealed class NotificationRetryScheduleTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    private static readonly Guid Alert = Guid.NewGuid();
    private static readonly Guid Subscription = Guid.NewGuid();
    private static long _ids;

    private static AlertDeliveryRow Row(string outcome, TimeSpan ago, string alertEvent = AlertEvents.Opened) => new()
    {
        Id = Interlocked.Increment(ref _ids), AlertId = Alert, AlertKey = "rule|t|s", SubscriptionId = Subscription,
        Event = alertEvent, Outcome = outcome, At = Now - ago,
    };

    private static IReadOnlyList<NotificationRetrySchedule.Due> Find(bool alertOpen, params AlertDeliveryRow[] rows) =>
        NotificationRetrySchedule.Find(rows, _ => alertOpen, Now, Interval, maxAttempts: 3);

    [Fact]
    public void AFailureIsRetriedOnceItsDelayHasPassed()
    {
        Assert.Empty(Find(true, Row(DeliveryOutcomes.Failed, TimeSpan.FromSeconds(59))));
        var due = Assert.Single(Find(true, Row(DeliveryOutcomes.Failed, TimeSpan.FromSeconds(60))));
        Assert.Equal((Alert, Subscription, AlertEvents.Opened, 1), (due.AlertId, due.SubscriptionId, due.Event, due.Failures));
    }

    [Fact]
    public void TheDelayDoublesWithEachFailureUpToAnHour()
    {
        Assert.Equal(TimeSpan.FromMinutes(1), NotificationRetrySchedule.DelayAfter(1, Interval));
        Assert.Equal(TimeSpan.FromMinutes(4), NotificationRetrySchedule.DelayAfter(3, Interval));
        Assert.Equal(TimeSpan.FromHours(1), NotificationRetrySchedule.DelayAfter(12, Interval));
        Assert.Empty(Find(true, Row(DeliveryOutcomes.Failed, TimeSpan.FromMinutes(5)), Row(DeliveryOutcomes.Failed, TimeSpan.FromSeconds(90))));
        Assert.Single(Find(true, Row(DeliveryOutcomes.Failed, TimeSpan.FromMinutes(5)), Row(DeliveryOutcomes.Failed, TimeSpan.FromMinutes(2))));
    }

    [Fact]
    public void WhatWasSentOrHeldBackIsNotRetried()
    {
        Assert.Empty(Find(true, Row(DeliveryOutcomes.Failed, TimeSpan.FromMinutes(10)), Row(DeliveryOutcomes.Sent, TimeSpan.FromMinutes(5))));
        Assert.Empty(Find(true, Row(DeliveryOutcomes.Throttled, TimeSpan.FromMinutes(10))));
    }

    [Fact]
    public void AfterTheLastAttemptItIsLeftAsFailed() =>
        Assert.Empty(Find(true, Row(DeliveryOutcomes.Failed, TimeSpan.FromHours(3)), Row(DeliveryOutcomes.Failed, TimeSpan.FromHours(2)),
            Row(DeliveryOutcomes.Failed, TimeSpan.FromHours(1))));

    [Fact]
    public void AnOpeningIsNotRetriedOnceTheAlertResolvedButAResolutionIs()
    {
        Assert.Empty(Find(false, Row(DeliveryOutcomes.Failed, TimeSpan.FromMinutes(10))));
        Assert.Single(Find(false, Row(DeliveryOutcomes.Failed, TimeSpan.FromMinutes(10), AlertEvents.Resolved)));
    }
}
