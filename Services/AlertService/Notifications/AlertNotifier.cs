using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WhatsAppGenesys.AlertService.Api;
using WhatsAppGenesys.AlertService.Data;
using WhatsAppGenesys.AlertService.Evaluation;
using WhatsAppGenesys.Contracts.Alerts;

namespace WhatsAppGenesys.AlertService.Notifications;

/// <summary>
/// Tells the subscribers of an alert that it opened or resolved: the tenant's own subscriptions and the operators'
/// (tenant <c>platform</c>, every alert), each at the severity it asked for, through <see cref="NotificationThrottle"/>.
/// Every notification, sent, failed or held back, is a row in <c>alert_deliveries</c>, which is also what the
/// throttle counts, so it holds across restarts; a failed one is sent again later (<see cref="RetryFailedAsync"/>).
/// </summary>
public sealed class AlertNotifier(
    AlertDbContext db,
    IEnumerable<IAlertChannel> channels,
    IOptions<AlertingOptions> options,
    TimeProvider clock,
    ILogger<AlertNotifier> logger)
{
    public async Task NotifyAsync(AlertRow alert, string alertEvent, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var subscriptions = await db.Subscriptions.AsNoTracking()
            .Where(s => s.TenantId == alert.TenantId || s.TenantId == AlertTenants.Platform)
            .ToListAsync(cancellationToken);
        foreach (var subscription in subscriptions.Where(s => AlertSeverity.Reaches(alert.Severity, s.MinimumSeverity)))
        {
            var now = clock.GetUtcNow();
            var sent = db.Deliveries.AsNoTracking().Where(d => d.SubscriptionId == subscription.Id && d.Outcome == DeliveryOutcomes.Sent);
            var openedWasSent = alertEvent == AlertEvents.Resolved
                && await sent.AnyAsync(d => d.AlertId == alert.Id && d.Event == AlertEvents.Opened, cancellationToken);
            if (alertEvent == AlertEvents.Resolved && !openedWasSent)
            {
                // Never told it opened (held back, or subscribed since): nothing to resolve for this subscriber.
                continue;
            }
            var lastForKey = await sent.Where(d => d.AlertKey == alert.Key).MaxAsync(d => (DateTimeOffset?)d.At, cancellationToken);
            var hourAgo = now.AddHours(-1);
            var inLastHour = await sent.CountAsync(d => d.At > hourAgo, cancellationToken);

            var delivery = new AlertDeliveryRow
            {
                AlertId = alert.Id, AlertKey = alert.Key, SubscriptionId = subscription.Id, Event = alertEvent,
                Outcome = DeliveryOutcomes.Throttled, At = now,
            };
            if (NotificationThrottle.Allows(alertEvent, openedWasSent, lastForKey, inLastHour, now, settings.NotificationInterval,
                    settings.MaxNotificationsPerSubscriptionPerHour))
            {
                await SendAsync(alert, subscription, delivery, cancellationToken);
            }
            db.Deliveries.Add(delivery);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Sends again what failed and is due (<see cref="NotificationRetrySchedule"/>), so a subscriber whose endpoint
    /// was down when the alert opened still hears of it. Deliveries of the last day are considered.
    /// </summary>
    public async Task RetryFailedAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var since = now.AddDays(-1);
        // Runs after every evaluation: read only the history of alerts that have a failed delivery (usually none).
        var alertIds = await db.Deliveries.AsNoTracking()
            .Where(d => d.At > since && d.Outcome == DeliveryOutcomes.Failed)
            .Select(d => d.AlertId).Distinct().ToListAsync(cancellationToken);
        if (alertIds.Count == 0)
        {
            return;
        }
        var recent = await db.Deliveries.AsNoTracking()
            .Where(d => d.At > since && alertIds.Contains(d.AlertId)).ToListAsync(cancellationToken);
        var alerts = await db.Alerts.AsNoTracking().Where(a => alertIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, cancellationToken);
        var due = NotificationRetrySchedule.Find(recent, id => alerts.TryGetValue(id, out var a) && a.State == AlertStates.Open,
            now, settings.NotificationRetryInterval, settings.NotificationMaxAttempts);
        foreach (var retry in due)
        {
            var subscription = await db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == retry.SubscriptionId, cancellationToken);
            if (subscription is null || !alerts.TryGetValue(retry.AlertId, out var alert))
            {
                continue; // unsubscribed since, or the alert was deleted
            }
            var delivery = new AlertDeliveryRow
            {
                AlertId = alert.Id, AlertKey = alert.Key, SubscriptionId = subscription.Id, Event = retry.Event,
                Outcome = DeliveryOutcomes.Failed, At = clock.GetUtcNow(),
            };
            await SendAsync(alert, subscription, delivery, cancellationToken);
            db.Deliveries.Add(delivery);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>One attempt through the subscription's channel; the outcome (sent, or failed with why) goes into <paramref name="delivery"/>.</summary>
    private async Task SendAsync(AlertRow alert, AlertSubscriptionRow subscription, AlertDeliveryRow delivery, CancellationToken cancellationToken)
    {
        try
        {
            var channel = channels.First(c => c.Name == subscription.Channel);
            await channel.SendAsync(subscription, new AlertNotification(delivery.Event, Guid.NewGuid(), delivery.At, AlertsApi.Describe(alert)), cancellationToken);
            delivery.Outcome = DeliveryOutcomes.Sent;
            delivery.Error = null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            delivery.Outcome = DeliveryOutcomes.Failed;
            delivery.Error = ex.Message.Length > 500 ? ex.Message[..500] : ex.Message;
            logger.LogWarning("Alert {AlertId} ({Event}) not delivered to subscription {SubscriptionId} ({Channel}): {Error}",
                alert.Id, delivery.Event, subscription.Id, subscription.Channel, delivery.Error);
        }
    }
}
