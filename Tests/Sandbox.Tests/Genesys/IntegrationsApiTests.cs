using System.Net;
using System.Net.Http.Headers;

namespace WhatsAppGenesys.Sandbox.Tests.Genesys;

/// <summary>Reading an Open Messaging integration back, as onboarding's "Test connection" does.</summary>
public sealed class IntegrationsApiTests
{
    private const string Path = "/api/v2/conversations/messaging/integrations/openmessaging/";

    [Fact]
    public async Task TheOwningClientReadsItsIntegrationWithoutTheWebhookSecret()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        var token = await host.GetTokenAsync();

        using var response = await GetAsync(host, GenesysSandboxHost.IntegrationId, token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var integration = await response.JsonAsync();
        Assert.Equal(GenesysSandboxHost.IntegrationId, integration.GetProperty("id").GetString());
        Assert.Equal("Active", integration.GetProperty("status").GetString());
        Assert.Equal("Completed", integration.GetProperty("createStatus").GetString());
        Assert.DoesNotContain(GenesysSandboxHost.WebhookSecret, integration.GetRawText());
    }

    [Fact]
    public async Task UnknownIntegrationIs404AndAnotherOrganizationsIs403()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        await OAuthTests.RegisterAsync(host, "b3d4c2a1-0000-4000-8000-000000000001", "other-client", "other-secret");
        var token = await host.GetTokenAsync();

        using (var unknown = await GetAsync(host, "b3d4c2a1-0000-4000-8000-0000000000ff", token))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
            Assert.Equal("not.found", (await unknown.JsonAsync()).GetProperty("code").GetString());
        }
        using var foreign = await GetAsync(host, "b3d4c2a1-0000-4000-8000-000000000001", token);
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
    }

    [Fact]
    public async Task WithoutATokenItIs401()
    {
        await using var host = await GenesysSandboxHost.StartAsync();

        using var response = await GetAsync(host, GenesysSandboxHost.IntegrationId, token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static Task<HttpResponseMessage> GetAsync(GenesysSandboxHost host, string integrationId, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Path + integrationId);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return host.Client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
