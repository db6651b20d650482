using WhatsAppGenesys.GenesysSandbox.Model;

namespace WhatsAppGenesys.GenesysSandbox.Users;

/// <summary>Genesys's <c>Organization</c> as <c>GET /api/v2/organizations/me</c> answers it.</summary>
public sealed record GenesysOrganization(
    string Id,
    string Name,
    string DefaultLanguage,
    string ThirdPartyOrgName,
    string Domain,
    string State,
    int Version,
    string SelfUri)
{
    public static GenesysOrganization From(Organization organization) => new(
        organization.Id,
        organization.Name,
        "en-us",
        organization.ShortName,
        organization.ShortName,
        "active",
        1,
        organization.SelfUri);
}
