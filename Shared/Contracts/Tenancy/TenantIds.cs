using System.Text.RegularExpressions;

namespace WhatsAppGenesys.Contracts.Tenancy;

// Tenant ids end up inside Redis keys, URLs and log scopes, so they are restricted to a safe alphabet everywhere.
public static partial class TenantIds
{
    public const string Pattern = "^[a-z0-9][a-z0-9-]{0,62}$";

    public static bool IsValid(string? tenantId) => tenantId is not null && IdRegex().IsMatch(tenantId);

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex IdRegex();
}
