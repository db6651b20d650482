using System.Security.Cryptography;
using System.Text;

namespace WhatsAppGenesys.MetaSandbox.Webhooks;

// Meta signs the exact raw body bytes with the app secret: "sha256=" + lowercase hex HMAC-SHA256.
// It also still sends the legacy SHA-1 header, which we reproduce so receivers see both.
public static class WebhookSignature
{
    public const string Sha256Header = "X-Hub-Signature-256";
    public const string Sha1Header = "X-Hub-Signature";

    public static string Sha256(ReadOnlySpan<byte> body, string appSecret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), body));

    public static string Sha1(ReadOnlySpan<byte> body, string appSecret) =>
        "sha1=" + Convert.ToHexStringLower(HMACSHA1.HashData(Encoding.UTF8.GetBytes(appSecret), body));

    public static bool Verify(ReadOnlySpan<byte> body, string? header, string appSecret)
    {
        if (header is null)
        {
            return false;
        }
        var expected = Encoding.ASCII.GetBytes(Sha256(body, appSecret));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(header));
    }
}
