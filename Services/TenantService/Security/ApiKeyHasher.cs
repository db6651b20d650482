using System.Security.Cryptography;
using System.Text;

namespace WhatsAppGenesys.TenantService.Security;

/// <summary>
/// API keys are 32 random bytes (256 bits), so a plain SHA-256 is enough to store them: there is nothing to
/// brute-force that a slow password hash would protect, and verification stays one indexed lookup per request.
/// </summary>
public static class ApiKeyHasher
{
    public const string KeyPrefix = "wag_";
    private const int PrefixLength = 12;

    public static string NewKey() => KeyPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string apiKey) => SHA256.HashData(Encoding.UTF8.GetBytes(apiKey));

    public static string DisplayPrefix(string apiKey) => apiKey.Length <= PrefixLength ? apiKey : apiKey[..PrefixLength];

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
