using WhatsAppGenesys.AlertService.Data;
using WhatsAppGenesys.Contracts.Alerts;

namespace WhatsAppGenesys.AlertService.Notifications;

/// <summary>One way of telling a person. Throws when the notification was not handed over.</summary>
public interface IAlertChannel
{
    string Name { get; }

    Task SendAsync(AlertSubscriptionRow subscription, AlertNotification notification, CancellationToken cancellationToken);
}
