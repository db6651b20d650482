using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;
using WhatsAppGenesys.AlertService.Data;
using WhatsAppGenesys.Contracts.Alerts;

namespace WhatsAppGenesys.AlertService.Notifications;

/// <summary>
/// An e-mail per notification over SMTP (MailKit), one connection per message: alerts are rare, and a connection
/// kept open would only time out between them. The password is used to log in and never written anywhere.
/// </summary>
public sealed class EmailChannel(IOptions<SmtpOptions> options) : IAlertChannel
{
    public string Name => AlertChannels.Email;

    public async Task SendAsync(AlertSubscriptionRow subscription, AlertNotification notification, CancellationToken cancellationToken)
    {
        var smtp = options.Value;
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            throw new InvalidOperationException("No SMTP server is configured (Alerting:Smtp:Host).");
        }
        using var message = Compose(smtp.From, subscription.Target, notification);
        using var client = new SmtpClient { Timeout = 15_000 };
        await client.ConnectAsync(smtp.Host, smtp.Port, smtp.Security, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.Username))
        {
            await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", cancellationToken);
        }
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    internal static MimeMessage Compose(string from, string to, AlertNotification notification)
    {
        var alert = notification.Alert;
        var what = notification.Event == AlertEvents.Resolved ? "Resolved" : "Alert";
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = $"[{alert.Severity}] {what}: {alert.Rule} — {alert.TenantId} — {alert.Subject}";
        message.Headers.Add("X-Alert-Id", alert.Id.ToString());
        message.Headers.Add("X-Alert-Event", notification.Event);
        message.Body = new TextPart("plain")
        {
            Text = $"""
                {what}: {alert.Summary}

                Rule:      {alert.Rule}
                Tenant:    {alert.TenantId}
                Subject:   {alert.Subject}
                Severity:  {alert.Severity}
                Opened:    {alert.OpenedAt:u}
                Last seen: {alert.LastSeenAt:u}
                Resolved:  {(alert.ResolvedAt is { } resolved ? resolved.ToString("u") : "not yet")}
                Alert id:  {alert.Id}
                """,
        };
        return message;
    }
}
