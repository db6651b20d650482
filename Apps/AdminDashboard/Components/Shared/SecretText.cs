using WhatsAppGenesys.Contracts.Tenancy;

namespace WhatsAppGenesys.AdminDashboard.Components.Shared;

/// <summary>How the pages speak of a secret: only whether it is set and since when, all the tenant service ever returns.</summary>
public static class SecretText
{
    public static string Describe(SecretStatus status) => status.IsSet
        ? $"Set{(status.UpdatedAt is { } at ? $" on {at.UtcDateTime:d MMM yyyy}" : "")}"
        : "Not set";
}
