namespace WhatsAppGenesys.TenantService.Security;

/// <summary>Configuration section <c>TenantService</c>.</summary>
public sealed class TenantServiceOptions
{
    public const string SectionName = "TenantService";

    /// <summary>The operator key: sees and changes every tenant, creates tenants. Unset = no operator access.</summary>
    public string? AdminApiKey { get; set; }
}
