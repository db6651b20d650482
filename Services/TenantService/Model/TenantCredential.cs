namespace WhatsAppGenesys.TenantService.Model;

/// <summary>One encrypted secret of a tenant (AES-256-GCM), with the id of the key that encrypted it.</summary>
public sealed class TenantCredential
{
    public required string TenantId { get; init; }

    /// <summary>One of <see cref="SecretKinds"/>.</summary>
    public required string Kind { get; init; }

    public required string KeyId { get; set; }

    /// <summary>Format byte, nonce, tag and ciphertext; see SecretProtector.</summary>
    public required byte[] Ciphertext { get; set; }

    /// <summary>When the secret value last changed (not when it was last re-encrypted).</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>PostgreSQL xmin: rotation must not overwrite a secret someone changed meanwhile.</summary>
    public uint RowVersion { get; set; }
}

public static class SecretKinds
{
    public const string WhatsAppAccessToken = "whatsapp.access_token";
    public const string WhatsAppAppSecret = "whatsapp.app_secret";
    public const string WhatsAppVerifyToken = "whatsapp.webhook_verify_token";
    public const string GenesysClientSecret = "genesys.client_secret";
    public const string GenesysWebhookSecret = "genesys.webhook_secret";
    public const string RcsClientSecret = "rcs.client_secret";
    public const string RcsWebhookToken = "rcs.webhook_token";
}
