using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace WhatsAppGenesys.TenantService.Security;

/// <summary>
/// AES-256-GCM for credentials at rest. Stored blob = format byte (1) | 12-byte nonce | 16-byte tag | ciphertext.
/// The associated data binds a ciphertext to its tenant and secret kind, so copying one tenant's encrypted secret
/// into another tenant's row (or into another kind) fails authentication instead of decrypting.
/// </summary>
public sealed class SecretProtector
{
    private const byte FormatV1 = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int HeaderSize = 1 + NonceSize + TagSize;

    private readonly Dictionary<string, byte[]> _keys;

    public SecretProtector(IOptions<EncryptionOptions> options)
    {
        var settings = options.Value;
        _keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (keyId, base64) in settings.Keys)
        {
            _keys[keyId] = ParseKey(keyId, base64);
        }
        if (string.IsNullOrWhiteSpace(settings.ActiveKeyId))
        {
            throw new InvalidOperationException(
                $"{EncryptionOptions.SectionName}:ActiveKeyId is not configured; tenant credentials cannot be encrypted.");
        }
        if (!_keys.ContainsKey(settings.ActiveKeyId))
        {
            throw new InvalidOperationException(
                $"{EncryptionOptions.SectionName}:ActiveKeyId names key '{settings.ActiveKeyId}', but " +
                $"{EncryptionOptions.SectionName}:Keys:{settings.ActiveKeyId} is not configured.");
        }
        ActiveKeyId = settings.ActiveKeyId;
    }

    public string ActiveKeyId { get; }

    public EncryptedSecret Encrypt(string plaintext, string tenantId, string kind)
    {
        var key = _keys[ActiveKeyId];
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var blob = new byte[HeaderSize + plain.Length];
        blob[0] = FormatV1;
        var nonce = blob.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plain, blob.AsSpan(HeaderSize), blob.AsSpan(1 + NonceSize, TagSize), AssociatedData(tenantId, kind));
        CryptographicOperations.ZeroMemory(plain);
        return new EncryptedSecret(ActiveKeyId, blob);
    }

    public string Decrypt(EncryptedSecret secret, string tenantId, string kind)
    {
        if (!_keys.TryGetValue(secret.KeyId, out var key))
        {
            throw new SecretUnavailableException(
                $"The {kind} secret of tenant '{tenantId}' was encrypted with key '{secret.KeyId}', which is not configured.");
        }
        var blob = secret.Ciphertext;
        if (blob.Length < HeaderSize || blob[0] != FormatV1)
        {
            throw new SecretUnavailableException($"The stored {kind} secret of tenant '{tenantId}' is not in a known format.");
        }
        var plain = new byte[blob.Length - HeaderSize];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(blob.AsSpan(1, NonceSize), blob.AsSpan(HeaderSize), blob.AsSpan(1 + NonceSize, TagSize), plain,
                AssociatedData(tenantId, kind));
            return Encoding.UTF8.GetString(plain);
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new SecretUnavailableException(
                $"The stored {kind} secret of tenant '{tenantId}' failed authentication (tampered with, or not encrypted with key '{secret.KeyId}').");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    /// <summary>Decrypts with whatever key the secret names and encrypts again with the active key.</summary>
    public EncryptedSecret ReEncrypt(EncryptedSecret secret, string tenantId, string kind) =>
        Encrypt(Decrypt(secret, tenantId, kind), tenantId, kind);

    private static byte[] AssociatedData(string tenantId, string kind) => Encoding.UTF8.GetBytes($"{tenantId}|{kind}");

    private static byte[] ParseKey(string keyId, string base64)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{EncryptionOptions.SectionName}:Keys:{keyId} is not valid base64.");
        }
        return key.Length == 32
            ? key
            : throw new InvalidOperationException(
                $"{EncryptionOptions.SectionName}:Keys:{keyId} must be 32 bytes (AES-256), not {key.Length}.");
    }
}

public sealed record EncryptedSecret(string KeyId, byte[] Ciphertext);

/// <summary>A stored secret cannot be decrypted. The message names tenant, kind and key id, never the value.</summary>
public sealed class SecretUnavailableException(string message) : Exception(message);
