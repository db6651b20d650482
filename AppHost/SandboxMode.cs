using Microsoft.Extensions.Configuration;

// Sandbox mode: the simulated Meta and Genesys stand in for the real APIs, and the tenant service seeds a demo
// tenant that uses the identifiers the simulators are configured with by default (README.md, "What starts";
// each simulator's appsettings.json). These are public, fake values, not secrets.
internal static class SandboxMode
{
    /// <summary>The Meta app's webhook verify token the Meta simulator uses for its subscription handshake.</summary>
    public const string MetaWebhookVerifyToken = "sandbox-verify-token";

    /// <summary>The platform's Meta app as the Meta simulator knows it (its defaults): businesses onboard through it.</summary>
    public const string MetaAppId = "100200300400500";
    public const string MetaAppSecret = "sandbox-meta-app-secret";

    /// <summary>The product's Genesys OAuth client for agent sign-in (PKCE, no secret), as the Genesys simulator registers it.</summary>
    public const string AgentSignInClientId = "whatsappgenesys-agent-portal";

    /// <summary>The RCS simulator's default agent and its OAuth client and webhook client token (its appsettings.json).</summary>
    public const string RcsAgentId = "whatsapp_genesys_sandbox_agent";
    public const string RcsClientId = "sandbox-rcs-client";
    public const string RcsClientSecret = "sandbox-rcs-secret";
    public const string RcsWebhookToken = "sandbox-rcs-client-token";

    /// <summary>
    /// On when running unless <c>--sandbox false</c> or <c>AppHost:Sandbox=false</c>; off in a published manifest, which
    /// deploys the system against the real Meta and Genesys (<c>--sandbox true</c> publishes the simulators too).
    /// </summary>
    public static bool IsSandboxEnabled(this IDistributedApplicationBuilder builder) =>
        builder.Configuration.GetValue<bool?>("sandbox")
        ?? builder.Configuration.GetValue("AppHost:Sandbox", !builder.ExecutionContext.IsPublishMode);

    /// <summary>Users of the demo tenant's Genesys organization, to sign in to its agent workspace as.</summary>
    public static IResourceBuilder<ProjectResource> WithSandboxDemoAgents(this IResourceBuilder<ProjectResource> genesysSandbox)
    {
        (string Name, string Email, string Role)[] users =
        [
            ("Demo Agent", "agent@demo.example", "Communicate - Agent"),
            ("Demo Supervisor", "supervisor@demo.example", "Supervisor"),
            ("Demo Admin", "admin@demo.example", "admin"),
        ];
        for (var i = 0; i < users.Length; i++)
        {
            var id = $"5c0d2a1e-0000-4000-8000-00000000000{i + 1}";
            genesysSandbox
                .WithEnvironment($"GenesysSandbox__Users__{i}__Id", id)
                .WithEnvironment($"GenesysSandbox__Users__{i}__Name", users[i].Name)
                .WithEnvironment($"GenesysSandbox__Users__{i}__Email", users[i].Email)
                .WithEnvironment($"GenesysSandbox__Users__{i}__Roles__0", users[i].Role);
        }
        return genesysSandbox;
    }

    public static IResourceBuilder<ProjectResource> WithSandboxDemoTenant(this IResourceBuilder<ProjectResource> tenantService) =>
        tenantService
            .WithEnvironment("TenantService__DemoTenant__Id", "demo")
            .WithEnvironment("TenantService__DemoTenant__Name", "Sandbox demo tenant")
            .WithEnvironment("TenantService__DemoTenant__WhatsApp__WabaId", "102290129340398")
            .WithEnvironment("TenantService__DemoTenant__WhatsApp__PhoneNumberIds__0", "106540352242922")
            .WithEnvironment("TenantService__DemoTenant__WhatsApp__DisplayPhoneNumber", "+15550783881")
            .WithEnvironment("TenantService__DemoTenant__WhatsApp__GraphApiVersion", "v23.0")
            .WithEnvironment("TenantService__DemoTenant__WhatsApp__AccessToken", "sandbox-meta-access-token")
            .WithEnvironment("TenantService__DemoTenant__WhatsApp__AppSecret", MetaAppSecret)
            .WithEnvironment("TenantService__DemoTenant__WhatsApp__WebhookVerifyToken", MetaWebhookVerifyToken)
            .WithEnvironment("TenantService__DemoTenant__Genesys__RegionDomain", "mypurecloud.com")
            .WithEnvironment("TenantService__DemoTenant__Genesys__ClientId", "sandbox-genesys-client")
            .WithEnvironment("TenantService__DemoTenant__Genesys__ClientSecret", "sandbox-genesys-secret")
            .WithEnvironment("TenantService__DemoTenant__Genesys__IntegrationId", "8a5e2f4c-2b1d-4c8e-9f6a-3d7b1e0c5a92")
            .WithEnvironment("TenantService__DemoTenant__Genesys__WebhookSecret", "sandbox-genesys-webhook-secret")
            .WithEnvironment("TenantService__DemoTenant__Rcs__AgentId", RcsAgentId)
            .WithEnvironment("TenantService__DemoTenant__Rcs__ClientId", RcsClientId)
            .WithEnvironment("TenantService__DemoTenant__Rcs__ClientSecret", RcsClientSecret)
            .WithEnvironment("TenantService__DemoTenant__Rcs__WebhookToken", RcsWebhookToken);
}
