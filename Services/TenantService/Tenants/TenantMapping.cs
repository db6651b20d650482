using WhatsAppGenesys.Contracts.Tenancy;
using WhatsAppGenesys.TenantService.Model;

namespace WhatsAppGenesys.TenantService.Tenants;

public static class TenantMapping
{
    public static TenantResolution ToResolution(Tenant tenant) => new(
        tenant.Id,
        tenant.Name,
        tenant.IsActive,
        tenant.Version,
        tenant.WabaId is null
            ? null
            : new WhatsAppSettings(tenant.WabaId, PhoneNumberIds(tenant), tenant.DisplayPhoneNumber,
                tenant.GraphApiVersion ?? TenantValidator.DefaultGraphApiVersion),
        tenant.GenesysIntegrationId is null
            ? null
            : new GenesysSettings(tenant.GenesysRegionDomain!, tenant.GenesysClientId!, tenant.GenesysIntegrationId),
        tenant.RcsAgentId is null ? null : new RcsSettings(tenant.RcsAgentId, tenant.RcsClientId!, tenant.RcsLinkWithWhatsApp));

    /// <summary>The API view: configuration as set, secrets reduced to whether they are set and when they changed.</summary>
    public static TenantResponse ToResponse(Tenant tenant) => new(
        tenant.Id,
        tenant.Name,
        tenant.IsActive,
        tenant.CreatedAt,
        tenant.UpdatedAt,
        tenant.WabaId is null
            ? null
            : new WhatsAppConfigResponse(
                tenant.WabaId,
                PhoneNumberIds(tenant),
                tenant.DisplayPhoneNumber,
                tenant.GraphApiVersion ?? TenantValidator.DefaultGraphApiVersion,
                Status(tenant, SecretKinds.WhatsAppAccessToken),
                Status(tenant, SecretKinds.WhatsAppAppSecret),
                Status(tenant, SecretKinds.WhatsAppVerifyToken)),
        tenant.GenesysIntegrationId is null
            ? null
            : new GenesysConfigResponse(
                tenant.GenesysRegionDomain!,
                tenant.GenesysClientId!,
                tenant.GenesysIntegrationId,
                Status(tenant, SecretKinds.GenesysClientSecret),
                Status(tenant, SecretKinds.GenesysWebhookSecret)),
        tenant.ContactEmail,
        ToRetention(tenant),
        tenant.RcsAgentId is null
            ? null
            : new RcsConfigResponse(
                tenant.RcsAgentId,
                tenant.RcsClientId!,
                Status(tenant, SecretKinds.RcsClientSecret),
                Status(tenant, SecretKinds.RcsWebhookToken),
                tenant.RcsLinkWithWhatsApp));

    public static StorageRetention ToRetention(Tenant tenant) =>
        new(tenant.RawColdAfterDays, tenant.RawDeleteAfterDays, tenant.MediaDeleteAfterDays);

    private static string[] PhoneNumberIds(Tenant tenant) =>
        [.. tenant.PhoneNumbers.Select(p => p.PhoneNumberId).Order(StringComparer.Ordinal)];

    private static SecretStatus Status(Tenant tenant, string kind) =>
        tenant.Credentials.Find(c => c.Kind == kind) is { } credential
            ? new SecretStatus(true, credential.UpdatedAt)
            : SecretStatus.NotSet;
}
