namespace WhatsAppGenesys.TenantService.Security;

/// <summary>
/// Configuration section <c>TenantService:Encryption</c>: <c>ActiveKeyId</c> encrypts new secrets,
/// <c>Keys:&lt;keyId&gt;</c> (base64 of 32 random bytes) decrypts whatever a row's key id names.
/// </summary>
public sealed class EncryptionOptions
{
    public const string SectionName = "TenantService:Encryption";

    public string? ActiveKeyId { get; set; }

    public Dictionary<string, string> Keys { get; set; } = [];
}
