using WhatsAppGenesys.Contracts.Tenancy;
using WhatsAppGenesys.TenantService.Seeding;
using WhatsAppGenesys.TenantService.Tenants;

namespace WhatsAppGenesys.UnitTests.Tenancy;

public class RcsConfigValidationTests
{
    private static readonly RcsConfigRequest Valid = new("acme_agent", "acme-rcs-client", "client-secret", "client-token");

    [Fact]
    public void CompleteRcsConfigurationHasNoErrors()
    {
        Assert.Empty(TenantValidator.ValidateRcs(Valid));
        Assert.Empty(TenantValidator.ValidateCreate(new CreateTenantRequest("acme", "Acme Ltd", Rcs: Valid)));
    }

    [Fact]
    public void AgentAndClientAreRequiredAndNamedUnderTheirPrefix()
    {
        var errors = TenantValidator.ValidateCreate(new CreateTenantRequest("acme", "Acme Ltd", Rcs: new RcsConfigRequest(null, "")));

        Assert.Equal(["rcs.agentId", "rcs.clientId"], errors.Keys.Order());
    }

    [Fact]
    public void AnAgentIdWithSpacesOrSlashesIsRejected()
    {
        var errors = TenantValidator.ValidateRcs(Valid with { AgentId = "agent/../x y" });

        Assert.Equal(["agentId"], errors.Keys);
    }

    [Fact]
    public void OmittedSecretsKeepTheStoredValueButEmptyOnesAreRejected()
    {
        Assert.Empty(TenantValidator.ValidateRcs(Valid with { ClientSecret = null, WebhookToken = null }));

        var errors = TenantValidator.ValidateRcs(Valid with { ClientSecret = " ", WebhookToken = "" });

        Assert.Equal(["clientSecret", "webhookToken"], errors.Keys.Order());
    }

    [Fact]
    public void TheRequestNeverPrintsItsSecrets()
    {
        Assert.DoesNotContain("client-secret", Valid.ToString());
        Assert.DoesNotContain("client-token", Valid.ToString());
        var credentials = new RcsCredentials("acme", "acme_agent", "acme-rcs-client", "client-secret", "client-token");
        Assert.DoesNotContain("client-secret", credentials.ToString());
        Assert.DoesNotContain("client-token", credentials.ToString());
    }

    [Fact]
    public void SandboxDemoTenantWithRcsIsValid()
    {
        var demo = new DemoTenantOptions
        {
            Rcs = new() { AgentId = "whatsapp_genesys_sandbox_agent", ClientId = "sandbox-rcs-client", ClientSecret = "sandbox-rcs-secret", WebhookToken = "sandbox-rcs-client-token" },
        };

        var request = DemoTenantSeeder.ToRequest(demo);

        Assert.Equal("whatsapp_genesys_sandbox_agent", request.Rcs?.AgentId);
        Assert.Empty(TenantValidator.ValidateCreate(request));
    }
}
