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
/// throttle counts, so it holds across restarts.
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
                try
                {
                    var channel = channels.First(c => c.Name == subscription.Channel);
                    await channel.SendAsync(subscription, new AlertNotification(alertEvent, Guid.NewGuid(), now, AlertsApi.Describe(alert)), cancellationToken);
                    delivery.Outcome = DeliveryOutcomes.Sent;
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    delivery.Outcome = DeliveryOutcomes.Failed;
                    delivery.Error = ex.Message.Length > 500 ? ex.Message[..500] : ex.Message;
                    logger.LogWarning("Alert {AlertId} ({Event}) not delivered to subscription {SubscriptionId} ({Channel}): {Error}",
                        alert.Id, alertEvent, subscription.Id, subscription.Channel, delivery.Error);
                }
            }
            db.Deliveries.Add(delivery);
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
