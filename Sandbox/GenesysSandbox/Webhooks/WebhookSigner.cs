using System.Security.Cryptography;
using System.Text;

namespace WhatsAppGenesys.GenesysSandbox.Webhooks;

/// <summary>
/// Genesys's outbound webhook signature: <c>X-Hub-Signature-256: sha256=</c> + the BASE64 (not hex, unlike Meta)
/// HMAC-SHA256 of the raw body, keyed with the integration's outboundNotificationWebhookSignatureSecretToken.
/// </summary>
public static class WebhookSigner
{
    public const string HeaderName = "X-Hub-Signature-256";

    public static string Sign(ReadOnlySpan<byte> body, string secret) =>
        "sha256=" + Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
