using System.Security.Cryptography;
using System.Text;

namespace WhatsAppGenesys.Contracts.Alerts;

/// <summary>What a notification says happened to an alert.</summary>
public static class AlertEvents
{
    public const string Opened = "alert.opened";
    public const string Resolved = "alert.resolved";
}

/// <summary>
/// The body of an alert webhook (JSON, web casing). Its <see cref="AlertSignature.HeaderName"/> header is the
/// HMAC-SHA256 of the exact body bytes under the subscription's secret; <see cref="SentAt"/> lets a receiver refuse
/// an old notification replayed at it.
/// </summary>
public sealed record AlertNotification(string Event, Guid DeliveryId, DateTimeOffset SentAt, AlertResponse Alert);

/// <summary>The signature of alert webhooks: <c>X-Alert-Signature: sha256=&lt;hex HMAC-SHA256 of the body&gt;</c>.</summary>
public static class AlertSignature
{
    public const string HeaderName = "X-Alert-Signature";

    public static string Sign(ReadOnlySpan<byte> body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>Constant-time check of a received signature header against the body.</summary>
    public static bool Verify(ReadOnlySpan<byte> body, string? header, string secret) =>
        header is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(body, secret)), Encoding.ASCII.GetBytes(header));
}
