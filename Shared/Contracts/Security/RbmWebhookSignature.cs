using System.Security.Cryptography;
using System.Text;

namespace WhatsAppGenesys.Contracts.Security;

/// <summary>
/// RCS Business Messaging's webhook signature: <c>X-Goog-Signature</c> = Base64(HMAC-SHA512(client token, event)),
/// where the event is the user event's JSON bytes (inside a Pub/Sub envelope, the base64-decoded <c>message.data</c>,
/// not the request body). Comparison is constant-time.
/// </summary>
public static class RbmWebhookSignature
{
    public const string HeaderName = "X-Goog-Signature";

    private const int DigestBytes = 64;

    public static string Sign(ReadOnlySpan<byte> userEvent, string clientToken) =>
        Convert.ToBase64String(HMACSHA512.HashData(Encoding.UTF8.GetBytes(clientToken), userEvent));

    /// <summary>True when the header can be a signature at all (the Base64 of 64 bytes); anything else is refused before any work.</summary>
    public static bool IsWellFormed(string? header)
    {
        Span<byte> digest = stackalloc byte[DigestBytes];
        return header is { Length: 88 } && Convert.TryFromBase64String(header, digest, out var written) && written == DigestBytes;
    }

    public static bool Verify(ReadOnlySpan<byte> userEvent, string? header, string clientToken)
    {
        Span<byte> given = stackalloc byte[DigestBytes];
        if (header is not { Length: 88 } || !Convert.TryFromBase64String(header, given, out var written) || written != DigestBytes)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(given, HMACSHA512.HashData(Encoding.UTF8.GetBytes(clientToken), userEvent));
    }
}
