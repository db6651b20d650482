namespace WhatsAppGenesys.GenesysSandbox.Model;

/// <summary>A Genesys Cloud organization: every client-credentials client and every user belongs to one.</summary>
public sealed record Organization(string Id, string Name)
{
    /// <summary>The organization a client registered without one belongs to: its id is derived from the client id.</summary>
    public static Organization DefaultFor(string clientId) =>
        new(StableGuid.From("org:" + clientId), $"Organization of {clientId}");

    /// <summary>The short name Genesys shows as <c>thirdPartyOrgName</c>: the name lower-cased without whitespace.</summary>
    public string ShortName => string.Concat(Name.Where(c => !char.IsWhiteSpace(c))).ToLowerInvariant();

    public string SelfUri => $"/api/v2/organizations/{Id}";
}
