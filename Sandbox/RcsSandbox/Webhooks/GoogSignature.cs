using System.Security.Cryptography;
using System.Text;

namespace WhatsAppGenesys.RcsSandbox.Webhooks;

/// <summary>
/// RBM's webhook signature: <c>X-Goog-Signature</c> = Base64(HMAC-SHA512(key = the webhook's client token, message =
/// the user event's JSON bytes)). With the Pub/Sub envelope those bytes are the base64-decoded <c>message.data</c>, not
/// the request body; with the plain format they are the body.
/// </summary>
public static class GoogSignature
{
    public const string HeaderName = "X-Goog-Signature";

    public static string Sign(ReadOnlySpan<byte> userEvent, string clientToken) =>
        Convert.ToBase64String(HMACSHA512.HashData(Encoding.UTF8.GetBytes(clientToken), userEvent));
}
