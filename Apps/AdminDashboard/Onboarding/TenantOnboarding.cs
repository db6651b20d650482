using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using WhatsAppGenesys.AdminDashboard.SystemApi;
using WhatsAppGenesys.Contracts.Tenancy;

namespace WhatsAppGenesys.AdminDashboard.Onboarding;

/// <summary>What the operator copies into Meta and Genesys once the tenant exists. Shown once.</summary>
public sealed record OnboardingResult(
    TenantResponse Tenant,
    Uri MetaWebhookUrl,
    string MetaVerifyToken,
    Uri GenesysWebhookUrl,
    string GenesysWebhookSecret);

/// <summary>
/// Creates the tenant from a finished draft in one request to the tenant service, so a refusal (a taken id or phone
/// number, a bad value) creates nothing. The webhook verify token and the Genesys webhook signing secret are made
/// here, strong and random, and shown to the operator once.
/// </summary>
public sealed class TenantOnboarding(TenantsClient tenants, IOptions<GatewayOptions> gateway, ILogger<TenantOnboarding> logger)
{
    public async Task<OnboardingResult> CreateAsync(OnboardingDraft draft, CancellationToken ct)
    {
        var verifyToken = NewSecret();
        var webhookSecret = NewSecret();
        var request = new CreateTenantRequest(
            draft.Tenant.Id,
            draft.Tenant.Name,
            new WhatsAppConfigRequest(
                draft.WhatsApp.WabaId,
                draft.WhatsApp.PhoneNumberIdList(),
                string.IsNullOrWhiteSpace(draft.WhatsApp.DisplayPhoneNumber) ? null : draft.WhatsApp.DisplayPhoneNumber.Trim(),
                GraphApiVersion: null,
                AccessToken: draft.WhatsApp.AccessToken,
                AppSecret: draft.WhatsApp.AppSecret,
                WebhookVerifyToken: verifyToken),
            new GenesysConfigRequest(
                draft.Genesys.RegionDomain,
                draft.Genesys.ClientId?.Trim(),
                draft.Genesys.IntegrationId?.Trim(),
                ClientSecret: draft.Genesys.ClientSecret,
                WebhookSecret: webhookSecret),
            draft.Tenant.ContactEmail?.Trim());

        var tenant = await tenants.CreateAsync(request, ct);
        draft.ForgetSecrets();
        logger.LogInformation("Tenant {TenantId} onboarded from the console", tenant.Id);

        return new OnboardingResult(tenant, gateway.Value.PublicUrl("/webhook/whatsapp"), verifyToken,
            gateway.Value.PublicUrl("/webhook/genesys"), webhookSecret);
    }

    private static string NewSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
}
