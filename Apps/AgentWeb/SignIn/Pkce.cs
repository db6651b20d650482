using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace WhatsAppGenesys.AgentWeb.SignIn;

/// <summary>
/// Proof Key for Code Exchange (RFC 7636): a random verifier kept by us, and its S256 challenge sent with the
/// authorize request. Only whoever holds the verifier can redeem the code Genesys returns, so a code intercepted on
/// its way back through the browser is worthless.
/// </summary>
public static class Pkce
{
    /// <summary>32 random bytes, BASE64URL without padding: 43 characters, the minimum length RFC 7636 allows.</summary>
    public static string NewVerifier() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>BASE64URL(SHA-256(ASCII(verifier))).</summary>
    public static string Challenge(string verifier) => Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    /// <summary>An unguessable value that ties Genesys's redirect back to the attempt this browser started.</summary>
    public static string NewState() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
}
