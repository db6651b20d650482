namespace WhatsAppGenesys.Contracts.Tenancy;

/// <summary>
/// What a caller needs to route a message for a tenant: identity, whether it may be served, and the non-secret
/// configuration. Returned by the tenant service's internal resolution endpoints and cached by TenantDirectory.
/// </summary>
public sealed record TenantResolution(
    string TenantId,
    string Name,
    bool IsActive,
    long Version,
    WhatsAppSettings? WhatsApp,
    GenesysSettings? Genesys,
    RcsSettings? Rcs = null);

public sealed record WhatsAppSettings(
    string WabaId,
    IReadOnlyList<string> PhoneNumberIds,
    string? DisplayPhoneNumber,
    string GraphApiVersion);

public sealed record GenesysSettings(
    string RegionDomain,
    string ClientId,
    string IntegrationId);

/// <summary>The tenant's RCS agent at its provider (the RBM agent id) and the provider's OAuth client id.</summary>
/// <param name="LinkWithWhatsApp">
/// One conversation per phone number across WhatsApp and RCS: an RCS user's messages join the conversation of the
/// WhatsApp customer with the same number (<c>LinkedChannels</c>). Off: the two are two customers.
/// </param>
public sealed record RcsSettings(
    string AgentId,
    string ClientId,
    bool LinkWithWhatsApp = false);

/// <summary>
/// Published on <see cref="TenancyKeys.InvalidationChannel"/> after every change to a tenant. Carries the identifiers
/// the tenant had before and after the change so caches can drop index and negative entries for both.
/// </summary>
public sealed record TenantInvalidation(
    string TenantId,
    IReadOnlyList<string> PhoneNumberIds,
    IReadOnlyList<string> IntegrationIds);
