namespace WhatsAppGenesys.Contracts.Tenancy;

public sealed record CreateApiKeyRequest(string? Name);

/// <summary>The only response that ever contains the key itself; it is not stored and cannot be shown again.</summary>
public sealed record CreatedApiKeyResponse(Guid Id, string Name, string ApiKey, string Prefix, DateTimeOffset CreatedAt)
{
    public override string ToString() => $"CreatedApiKeyResponse {{ Id = {Id}, Prefix = {Prefix} }}";
}

public sealed record ApiKeyResponse(Guid Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

public sealed record VerifyApiKeyRequest(string? ApiKey)
{
    public override string ToString() => "VerifyApiKeyRequest";
}

public sealed record VerifyApiKeyResponse(string TenantId, bool IsActive, Guid KeyId);
