namespace WhatsAppGenesys.Contracts.Tenancy;

// The tenant service's public REST API (/api/tenants). Secrets go in, never come out: responses carry SecretStatus.

/// <summary>
/// <paramref name="ContactEmail"/> is the business's contact for operators (who to tell when its tokens fail); on every
/// request null keeps what is stored and an empty string clears it.
/// </summary>
public sealed record CreateTenantRequest(
    string? Id,
    string? Name,
    WhatsAppConfigRequest? WhatsApp = null,
    GenesysConfigRequest? Genesys = null,
    string? ContactEmail = null,
    RcsConfigRequest? Rcs = null);

/// <summary>The tenant's own fields. <paramref name="ContactEmail"/>: null keeps it, an empty string clears it.</summary>
public sealed record UpdateTenantRequest(string? Name, string? ContactEmail = null);

/// <summary>A secret left null keeps its stored value; a non-null value replaces it.</summary>
public sealed record WhatsAppConfigRequest(
    string? WabaId,
    IReadOnlyList<string>? PhoneNumberIds,
    string? DisplayPhoneNumber,
    string? GraphApiVersion,
    string? AccessToken = null,
    string? AppSecret = null,
    string? WebhookVerifyToken = null)
{
    public override string ToString() => $"WhatsAppConfigRequest {{ WabaId = {WabaId} }}";
}

/// <summary>A secret left null keeps its stored value; a non-null value replaces it.</summary>
public sealed record GenesysConfigRequest(
    string? RegionDomain,
    string? ClientId,
    string? IntegrationId,
    string? ClientSecret = null,
    string? WebhookSecret = null)
{
    public override string ToString() => $"GenesysConfigRequest {{ RegionDomain = {RegionDomain}, IntegrationId = {IntegrationId} }}";
}

/// <summary>
/// The tenant's RCS agent at its provider: the RBM agent id, the provider's OAuth client, and the webhook client token
/// that signs what users send. A secret left null keeps its stored value; a non-null value replaces it.
/// <paramref name="LinkWithWhatsApp"/>: one conversation per phone number across WhatsApp and RCS (null keeps the
/// stored choice; off unless set).
/// </summary>
public sealed record RcsConfigRequest(
    string? AgentId,
    string? ClientId,
    string? ClientSecret = null,
    string? WebhookToken = null,
    bool? LinkWithWhatsApp = null)
{
    public override string ToString() =>
        $"RcsConfigRequest {{ AgentId = {AgentId}, ClientId = {ClientId}, LinkWithWhatsApp = {LinkWithWhatsApp} }}";
}

public sealed record TenantResponse(
    string Id,
    string Name,
    bool IsActive,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    WhatsAppConfigResponse? WhatsApp,
    GenesysConfigResponse? Genesys,
    string? ContactEmail = null,
    StorageRetention? StorageRetention = null,
    RcsConfigResponse? Rcs = null);

public sealed record WhatsAppConfigResponse(
    string WabaId,
    IReadOnlyList<string> PhoneNumberIds,
    string? DisplayPhoneNumber,
    string GraphApiVersion,
    SecretStatus AccessToken,
    SecretStatus AppSecret,
    SecretStatus WebhookVerifyToken);

public sealed record GenesysConfigResponse(
    string RegionDomain,
    string ClientId,
    string IntegrationId,
    SecretStatus ClientSecret,
    SecretStatus WebhookSecret);

/// <param name="LinkWithWhatsApp">An RCS user and the WhatsApp customer with the same phone number share one conversation.</param>
public sealed record RcsConfigResponse(
    string AgentId,
    string ClientId,
    SecretStatus ClientSecret,
    SecretStatus WebhookToken,
    bool LinkWithWhatsApp = false);

/// <summary>All a read ever says about a secret.</summary>
public sealed record SecretStatus(bool IsSet, DateTimeOffset? UpdatedAt)
{
    public static SecretStatus NotSet { get; } = new(false, null);
}

public sealed record RotateKeysResponse(int ReEncrypted, string ActiveKeyId);
