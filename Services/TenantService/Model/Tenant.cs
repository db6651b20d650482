using WhatsAppGenesys.Contracts.Tenancy;

namespace WhatsAppGenesys.TenantService.Model;

/// <summary>A business using the middleware: one WhatsApp Business Account and one Genesys Open Messaging integration, and optionally one RCS agent.</summary>
public sealed class Tenant
{
    public required string Id { get; init; }

    public required string Name { get; set; }

    /// <summary>Who operators write to about this business (a token that stopped working, a suspension).</summary>
    public string? ContactEmail { get; set; }

    public bool IsActive { get; set; } = true;

    /// <summary>Bumped on every change; an optimistic-concurrency token and the ordering key of cached copies.</summary>
    public long Version { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    // WhatsApp configuration (non-secret part); configured when WabaId is set.
    public string? WabaId { get; set; }

    public string? DisplayPhoneNumber { get; set; }

    public string? GraphApiVersion { get; set; }

    // Genesys configuration (non-secret part); configured when GenesysIntegrationId is set.
    public string? GenesysRegionDomain { get; set; }

    public string? GenesysClientId { get; set; }

    public string? GenesysIntegrationId { get; set; }

    // RCS configuration (non-secret part); configured when RcsAgentId is set.
    public string? RcsAgentId { get; set; }

    public string? RcsClientId { get; set; }

    // One conversation per phone number across WhatsApp and RCS (RcsSettings.LinkWithWhatsApp); off by default.
    public bool RcsLinkWithWhatsApp { get; set; }

    // S3 retention of the tenant's objects (StorageRetention); the database defaults are StorageRetention.Defaults.
    public int RawColdAfterDays { get; set; } = StorageRetention.Defaults.RawColdAfterDays;

    public int RawDeleteAfterDays { get; set; } = StorageRetention.Defaults.RawDeleteAfterDays;

    public int MediaDeleteAfterDays { get; set; } = StorageRetention.Defaults.MediaDeleteAfterDays;

    public List<TenantPhoneNumber> PhoneNumbers { get; init; } = [];

    public List<TenantCredential> Credentials { get; init; } = [];
}
