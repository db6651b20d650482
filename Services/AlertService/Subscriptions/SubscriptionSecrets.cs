using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using WhatsAppGenesys.AlertService.Data;

namespace WhatsAppGenesys.AlertService.Subscriptions;

/// <summary>Configuration section <c>Alerting:Encryption</c>: the AES-256 key (base64 of 32 bytes) that protects webhook secrets.</summary>
public sealed class SubscriptionEncryptionOptions
{
    public const string SectionName = "Alerting:Encryption";

    public string KeyId { get; set; } = "k1";

    public string? Key { get; set; }
}

/// <summary>
/// Webhook signing secrets at rest: AES-256-GCM, stored as nonce (12) | tag (16) | ciphertext, with the subscription's
/// id as associated data so a secret copied onto another subscription's row does not decrypt. The secret must be
/// readable (it signs), so it is encrypted rather than hashed.
/// </summary>
public sealed class SubscriptionSecrets(IOptions<SubscriptionEncryptionOptions> options)
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly Lazy<byte[]> _key = new(() =>
    {
        var base64 = options.Value.Key ?? throw new InvalidOperationException(
            $"{SubscriptionEncryptionOptions.SectionName}:Key is not configured; webhook subscriptions cannot keep their secrets.");
        var key = Convert.FromBase64String(base64);
        return key.Length == 32 ? key : throw new InvalidOperationException($"{SubscriptionEncryptionOptions.SectionName}:Key must be 32 bytes.");
    });

    /// <summary>A new random secret, as a subscriber would paste it into its receiver.</summary>
    public static string Generate() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public void Protect(AlertSubscriptionRow subscription, string secret)
    {
        var plain = Encoding.UTF8.GetBytes(secret);
        var blob = new byte[NonceSize + TagSize + plain.Length];
        RandomNumberGenerator.Fill(blob.AsSpan(0, NonceSize));
        using var aes = new AesGcm(_key.Value, TagSize);
        aes.Encrypt(blob.AsSpan(0, NonceSize), plain, blob.AsSpan(NonceSize + TagSize), blob.AsSpan(NonceSize, TagSize), subscription.Id.ToByteArray());
        CryptographicOperations.ZeroMemory(plain);
        subscription.SecretKeyId = options.Value.KeyId;
        subscription.SecretCiphertext = blob;
    }

    public string Reveal(AlertSubscriptionRow subscription)
    {
        var blob = subscription.SecretCiphertext ?? throw new InvalidOperationException($"Subscription {subscription.Id} has no secret.");
        var plain = new byte[blob.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_key.Value, TagSize);
        aes.Decrypt(blob.AsSpan(0, NonceSize), blob.AsSpan(NonceSize + TagSize), blob.AsSpan(NonceSize, TagSize), plain, subscription.Id.ToByteArray());
        return Encoding.UTF8.GetString(plain);
    }
}
