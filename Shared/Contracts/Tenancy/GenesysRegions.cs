namespace WhatsAppGenesys.Contracts.Tenancy;

// The only hosts a tenant's Genesys token may ever be sent to. A free-form region string would let a tenant admin
// point our client credentials (and every bearer token) at a host of their choosing, so the region is a key into
// this list, never a host name we build from user input. Source: MyPureCloud platform-client-sdk-javascript
// PureCloudRegionHosts.js, plus the EU sovereign-cloud domain newer SDKs add.
public static class GenesysRegions
{
    public static IReadOnlyDictionary<string, string> DomainsByRegion { get; } = new Dictionary<string, string>
    {
        ["us_east_1"] = "mypurecloud.com",
        ["eu_west_1"] = "mypurecloud.ie",
        ["ap_southeast_2"] = "mypurecloud.com.au",
        ["ap_northeast_1"] = "mypurecloud.jp",
        ["eu_central_1"] = "mypurecloud.de",
        ["us_west_2"] = "usw2.pure.cloud",
        ["ca_central_1"] = "cac1.pure.cloud",
        ["ap_northeast_2"] = "apne2.pure.cloud",
        ["eu_west_2"] = "euw2.pure.cloud",
        ["ap_south_1"] = "aps1.pure.cloud",
        ["us_east_2"] = "use2.us-gov-pure.cloud",
        ["sa_east_1"] = "sae1.pure.cloud",
        ["me_central_1"] = "mec1.pure.cloud",
        ["ap_northeast_3"] = "apne3.pure.cloud",
        ["eu_central_2"] = "euc2.pure.cloud",
        ["mx_central_1"] = "mxc1.pure.cloud",
        ["ap_southeast_1"] = "apse1.pure.cloud",
        ["eusc_de_east_1"] = "edee1.eusc-pure.cloud",
    };

    private static readonly HashSet<string> Domains = new(DomainsByRegion.Values, StringComparer.Ordinal);

    /// <summary>True only for an exact, lower-case domain from the allow-list.</summary>
    public static bool IsAllowedDomain(string? domain) => domain is not null && Domains.Contains(domain);

    /// <summary>https://login.{domain} for an allowed domain; throws for anything else so no caller can bypass the list.</summary>
    public static Uri LoginBaseUri(string domain) => new($"https://login.{Require(domain)}");

    /// <summary>https://api.{domain} for an allowed domain; throws for anything else.</summary>
    public static Uri ApiBaseUri(string domain) => new($"https://api.{Require(domain)}");

    /// <summary>
    /// https://apps.{domain}: the origin of the Genesys Cloud web app, which frames interaction widgets; throws for a
    /// domain outside the list.
    /// </summary>
    public static string AppsOrigin(string domain) => $"https://apps.{Require(domain)}";

    private static string Require(string domain) => IsAllowedDomain(domain)
        ? domain
        : throw new ArgumentException("The Genesys region domain is not in the allow-list.", nameof(domain));
}
