using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace WhatsAppGenesys.GenesysSandbox.OAuth;

/// <summary>Proof Key for Code Exchange (RFC 7636), method S256 only.</summary>
public static class Pkce
{
    public const string S256 = "S256";

    /// <summary>
    /// Whether <paramref name="value"/> has the form RFC 7636 gives both the verifier (§4.1) and an S256 challenge
    /// (§4.2): 43 to 128 characters of A-Z, a-z, 0-9, "-", ".", "_", "~".
    /// </summary>
    public static bool IsWellFormed(string? value) =>
        value is { Length: >= 43 and <= 128 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~');

    /// <summary>BASE64URL(SHA256(ASCII(verifier))) without padding (RFC 7636 §4.2).</summary>
    public static string ChallengeOf(string verifier) => Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    /// <summary>The server's check of RFC 7636 §4.6, in constant time.</summary>
    public static bool Matches(string verifier, string challenge) =>
        IsWellFormed(verifier) &&
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(ChallengeOf(verifier)), Encoding.ASCII.GetBytes(challenge));
}
