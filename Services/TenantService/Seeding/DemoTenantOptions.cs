namespace WhatsAppGenesys.TenantService.Seeding;

/// <summary>
/// Configuration section <c>TenantService:DemoTenant</c>, set by the AppHost in sandbox mode with the simulators'
/// identifiers. Absent = nothing is seeded.
/// </summary>
public sealed class DemoTenantOptions
{
    public const string SectionName = "TenantService:DemoTenant";

    public string Id { get; set; } = "demo";

    public string Name { get; set; } = "Sandbox demo tenant";

    /// <summary>Optional: an API key the demo tenant's callers use (registered once, hashed like any other).</summary>
    public string? ApiKey { get; set; }

    public DemoWhatsApp? WhatsApp { get; set; }

    public DemoGenesys? Genesys { get; set; }

    public DemoRcs? Rcs { get; set; }

    public sealed class DemoWhatsApp
    {
        public string? WabaId { get; set; }

        public List<string> PhoneNumberIds { get; set; } = [];

        public string? DisplayPhoneNumber { get; set; }

        public string? GraphApiVersion { get; set; }

        public string? AccessToken { get; set; }

        public string? AppSecret { get; set; }

        public string? WebhookVerifyToken { get; set; }
    }

    public sealed class DemoGenesys
    {
        public string? RegionDomain { get; set; }

        public string? ClientId { get; set; }

        public string? IntegrationId { get; set; }

        public string? ClientSecret { get; set; }

        public string? WebhookSecret { get; set; }
    }

    public sealed class DemoRcs
    {
        public string? AgentId { get; set; }

        public string? ClientId { get; set; }

        public string? ClientSecret { get; set; }

        public string? WebhookToken { get; set; }
    }
}
