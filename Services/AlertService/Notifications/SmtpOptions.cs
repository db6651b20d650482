using MailKit.Security;

namespace WhatsAppGenesys.AlertService.Notifications;

/// <summary>Configuration section <c>Alerting:Smtp</c>: the server alert e-mails go through. No host, no e-mail.</summary>
public sealed class SmtpOptions
{
    public const string SectionName = "Alerting:Smtp";

    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>TLS: <c>StartTls</c> (port 587), <c>SslOnConnect</c> (465), <c>StartTlsWhenAvailable</c> or <c>None</c> (a local relay).</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTls;

    public string? Username { get; set; }

    public string? Password { get; set; }

    public string From { get; set; } = "alerts@whatsapp-genesys.local";
}
