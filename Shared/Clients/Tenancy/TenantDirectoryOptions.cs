using WhatsAppGenesys.Contracts;

namespace WhatsAppGenesys.Clients.Tenancy;

/// <summary>Configuration section <c>Clients:TenantDirectory</c>.</summary>
public sealed class TenantDirectoryOptions
{
    public const string SectionName = "Clients:TenantDirectory";

    /// <summary>The tenant service, resolved through service discovery.</summary>
    public Uri BaseAddress { get; set; } = new($"http://{ServiceNames.TenantService}");

    /// <summary>
    /// Upper bound on how long a found tenant is served from memory. Invalidation normally drops it at once; this
    /// only bounds the damage of a lost pub/sub message.
    /// </summary>
    public TimeSpan PositiveTtl { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long "no such tenant" is remembered, so a flood of unknown ids does not hit the tenant service.</summary>
    public TimeSpan NegativeTtl { get; set; } = TimeSpan.FromSeconds(5);
}
