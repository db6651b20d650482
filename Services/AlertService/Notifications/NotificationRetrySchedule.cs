using WhatsAppGenesys.AlertService.Data;

namespace WhatsAppGenesys.AlertService.Notifications;

/// <summary>
/// Which failed notifications are due to be sent again. A notification (an alert's opening or resolution, for one
/// subscription) whose latest delivery failed is retried after <c>interval</c> × 2^(failures − 1), capped at an hour,
/// until it was sent or has failed <c>maxAttempts</c> times. An opening is not retried once its alert has resolved:
/// the subscriber would be told of something already over (and, never told it opened, is not told it resolved).
/// </summary>
public static class NotificationRetrySchedule
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromHours(1);

    public sealed record Due(Guid AlertId, Guid SubscriptionId, string Event, int Failures);

    public static IReadOnlyList<Due> Find(IEnumerable<AlertDeliveryRow> deliveries, Func<Guid, bool> alertIsOpen,
        DateTimeOffset now, TimeSpan interval, int maxAttempts)
    {
        var due = new List<Due>();
        foreach (var notification in deliveries.GroupBy(d => (d.AlertId, d.SubscriptionId, d.Event)))
        {
            var history = notification.OrderBy(d => d.At).ThenBy(d => d.Id).ToList();
            var latest = history[^1];
            if (latest.Outcome != DeliveryOutcomes.Failed)
            {
                continue; // sent, or held back by the throttle (a choice, not a failure)
            }
            var failures = history.Count(d => d.Outcome == DeliveryOutcomes.Failed);
            if (failures >= maxAttempts)
            {
                continue;
            }
            if (notification.Key.Event == Contracts.Alerts.AlertEvents.Opened && !alertIsOpen(notification.Key.AlertId))
            {
                continue;
            }
            if (latest.At + DelayAfter(failures, interval) <= now)
            {
                due.Add(new Due(notification.Key.AlertId, notification.Key.SubscriptionId, notification.Key.Event, failures));
            }
        }
        return due;
    }

    public static TimeSpan DelayAfter(int failures, TimeSpan interval)
    {
        var factor = Math.Pow(2, Math.Min(failures - 1, 20));
        return TimeSpan.FromTicks((long)Math.Min(interval.Ticks * factor, MaxDelay.Ticks));
    }
}
