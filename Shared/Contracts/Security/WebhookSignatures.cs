using System.Security.Cryptography;
using System.Text;

namespace WhatsAppGenesys.Contracts.Security;

/// <summary>
/// The two <c>X-Hub-Signature-256</c> schemes, computed over the raw body bytes (never a re-serialisation):
/// Meta signs with the app secret as <c>sha256=</c> + lowercase hex; Genesys signs with the integration's webhook
/// secret as <c>sha256=</c> + Base64 (Genesys's Open Messaging webhook-validation page). Comparison is constant-time.
/// </summary>
public static class WebhookSignatures
{
    public const string HeaderName = "X-Hub-Signature-256";
    private const string Prefix = "sha256=";

    public static string SignMeta(ReadOnlySpan<byte> body, string appSecret) =>
        Prefix + Convert.ToHexStringLower(Hmac(body, appSecret));

    public static string SignGenesys(ReadOnlySpan<byte> body, string webhookSecret) =>
        Prefix + Convert.ToBase64String(Hmac(body, webhookSecret));

    public static bool VerifyMeta(ReadOnlySpan<byte> body, string? header, string appSecret) =>
        Verify(header, Hmac(body, appSecret), static (text, into) =>
            text.Length == into.Length * 2 && Convert.FromHexString(text, into, out _, out var written) == System.Buffers.OperationStatus.Done && written == into.Length);

    public static bool VerifyGenesys(ReadOnlySpan<byte> body, string? header, string webhookSecret) =>
        Verify(header, Hmac(body, webhookSecret), static (text, into) =>
            Convert.TryFromBase64String(text.ToString(), into, out var written) && written == into.Length);

    /// <summary>True when the header has the <c>sha256=</c> form at all; a request without it is refused before any work.</summary>
    public static bool HasSignature(string? header) => header is { Length: > 7 } && header.StartsWith(Prefix, StringComparison.Ordinal);

    private delegate bool Decoder(ReadOnlySpan<char> text, Span<byte> into);

    private static bool Verify(string? header, byte[] expected, Decoder decode)
    {
        if (!HasSignature(header))
        {
            return false;
        }
        Span<byte> given = stackalloc byte[32];
        // Decoding is strict (hex for Meta, Base64 for Genesys), so a signature in the other encoding never matches.
        return decode(header.AsSpan(Prefix.Length), given) && CryptographicOperations.FixedTimeEquals(given, expected);
    }

    private static byte[] Hmac(ReadOnlySpan<byte> body, string secret) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);
}
