using WhatsAppGenesys.Contracts.Tenancy;
using WhatsAppGenesys.TenantService.Seeding;
using WhatsAppGenesys.TenantService.Tenants;

namespace WhatsAppGenesys.UnitTests.Tenancy;

public class TenantValidatorTests
{
    private static readonly WhatsAppConfigRequest ValidWhatsApp =
        new("102290129340398", ["106540352242922"], "+15550783881", "v23.0", "token", "app-secret", "verify");

    private static readonly GenesysConfigRequest ValidGenesys =
        new("mypurecloud.com", "sandbox-genesys-client", "8a5e2f4c-2b1d-4c8e-9f6a-3d7b1e0c5a92", "secret", "webhook-secret");

    [Fact]
    public void CompleteTenantHasNoErrors()
    {
        Assert.Empty(TenantValidator.ValidateCreate(new CreateTenantRequest("acme", "Acme Ltd", ValidWhatsApp, ValidGenesys)));
    }

    [Fact]
    public void SandboxDemoTenantFromConfigurationIsValid()
    {
        var demo = new DemoTenantOptions
        {
            WhatsApp = new() { WabaId = "102290129340398", PhoneNumberIds = ["106540352242922"], AccessToken = "sandbox-meta-access-token" },
            Genesys = new() { RegionDomain = "mypurecloud.com", ClientId = "sandbox-genesys-client", IntegrationId = "8a5e2f4c-2b1d-4c8e-9f6a-3d7b1e0c5a92" },
        };

        Assert.Empty(TenantValidator.ValidateCreate(DemoTenantSeeder.ToRequest(demo)));
    }

    [Fact]
    public void FreeFormGenesysHostIsRejectedNamingTheField()
    {
        var errors = TenantValidator.ValidateCreate(new CreateTenantRequest(null, "Acme", null,
            ValidGenesys with { RegionDomain = "attacker.example.com" }));

        var message = Assert.Single(errors["genesys.regionDomain"]);
        Assert.Contains("mypurecloud.com", message);
    }

    [Fact]
    public void MissingNameAndBadIdAreReportedTogether()
    {
        var errors = TenantValidator.ValidateCreate(new CreateTenantRequest("Not Valid!", " "));

        Assert.Contains("id", errors.Keys);
        Assert.Contains("name", errors.Keys);
    }

    [Fact]
    public void PhoneNumberIdsMustBeNumericAndUniqueNamingTheIndex()
    {
        var errors = TenantValidator.ValidateWhatsApp(ValidWhatsApp with { PhoneNumberIds = ["123", "12a", "123"] });

        Assert.Equal(["phoneNumberIds[1]", "phoneNumberIds[2]"], errors.Keys.Order());
    }

    [Fact]
    public void WhatsAppNeedsAtLeastOnePhoneNumberAndAWabaId()
    {
        var errors = TenantValidator.ValidateWhatsApp(new WhatsAppConfigRequest(null, [], null, null));

        Assert.Contains("wabaId", errors.Keys);
        Assert.Contains("phoneNumberIds", errors.Keys);
    }

    [Fact]
    public void EmptySecretIsRejectedButAnOmittedOneKeepsTheStoredValue()
    {
        Assert.Contains("clientSecret", TenantValidator.ValidateGenesys(ValidGenesys with { ClientSecret = " " }).Keys);
        Assert.Empty(TenantValidator.ValidateGenesys(ValidGenesys with { ClientSecret = null, WebhookSecret = null }));
    }

    [Theory]
    [InlineData("23.0")]
    [InlineData("v23")]
    [InlineData("latest")]
    public void GraphApiVersionMustLookLikeAVersion(string version)
    {
        Assert.Contains("graphApiVersion", TenantValidator.ValidateWhatsApp(ValidWhatsApp with { GraphApiVersion = version }).Keys);
    }

    [Fact]
    public void RequestsNeverPrintTheirSecrets()
    {
        Assert.DoesNotContain("app-secret", ValidWhatsApp.ToString());
        Assert.DoesNotContain("secret", ValidGenesys.ToString().Replace("GenesysConfigRequest", ""));
        Assert.DoesNotContain("s3cret", new GenesysCredentials("acme", "mypurecloud.com", "client", "s3cret", "s3cret").ToString());
    }
}
