using WhatsAppGenesys.Contracts.Alerts;

namespace WhatsAppGenesys.AlertService.Notifications;

/// <summary>
/// Whether a notification may go to a subscription now. An alert that opens again within
/// <c>NotificationInterval</c> of its last notification to the subscription (a flapping condition) is not announced
/// again, and no subscription gets more than <c>MaxNotificationsPerSubscriptionPerHour</c> in an hour. A resolved
/// notification goes only where the alert's opened one went, and is not held back by the interval: whoever was told
/// of the problem hears that it is over.
/// </summary>
public static class NotificationThrottle
{
    public static bool Allows(
        string alertEvent,
        bool openedWasSent,
        DateTimeOffset? lastSentForAlertKey,
        int sentInLastHour,
        DateTimeOffset now,
        TimeSpan notificationInterval,
        int maxPerHour) =>
        sentInLastHour < maxPerHour && alertEvent switch
        {
            AlertEvents.Resolved => openedWasSent,
            _ => lastSentForAlertKey is not { } last || now - last >= notificationInterval,
        };
}
