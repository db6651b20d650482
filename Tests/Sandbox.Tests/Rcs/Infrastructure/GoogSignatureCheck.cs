using System.Security.Cryptography;
using System.Text;

namespace WhatsAppGenesys.Sandbox.Tests.Rcs.Infrastructure;

// The receiver side of RBM's scheme, written independently of the simulator so the tests can catch its mistakes:
// X-Goog-Signature = Base64(HMAC-SHA512(client token, the user event's bytes)).
public static class GoogSignatureCheck
{
    public static string Compute(byte[] userEvent, string clientToken)
    {
        using var hmac = new HMACSHA512(Encoding.UTF8.GetBytes(clientToken));
        return Convert.ToBase64String(hmac.ComputeHash(userEvent));
    }

    public static bool Verify(byte[] userEvent, string? header, string clientToken) =>
        header is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Compute(userEvent, clientToken)), Encoding.ASCII.GetBytes(header));
}
