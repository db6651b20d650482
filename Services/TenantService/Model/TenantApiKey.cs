namespace WhatsAppGenesys.TenantService.Model;

/// <summary>An API key a tenant's systems authenticate with. Only its SHA-256 hash is stored.</summary>
public sealed class TenantApiKey
{
    public Guid Id { get; init; }

    public required string TenantId { get; init; }

    public required string Name { get; init; }

    /// <summary>The first characters of the key, enough for a person to tell keys apart in a list.</summary>
    public required string Prefix { get; init; }

    public required byte[] Hash { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? RevokedAt { get; set; }
}
