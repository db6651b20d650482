using System.Security.Cryptography;
using System.Text;

namespace WhatsAppGenesys.Sandbox.Tests.Meta.Infrastructure;

// The receiver side of Meta's scheme, written independently of the simulator so the tests can catch its mistakes:
// "sha256=" + lowercase hex HMAC-SHA256(app secret, raw body).
public static class HexSignature
{
    public static string Compute(byte[] body, string secret) =>
        "sha256=" + Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body)).ToLowerInvariant();

    public static bool Verify(byte[] body, string? header, string secret) =>
        header is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Compute(body, secret)), Encoding.ASCII.GetBytes(header));
}
