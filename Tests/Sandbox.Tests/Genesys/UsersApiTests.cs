using System.Net;
using System.Net.Http.Json;

namespace WhatsAppGenesys.Sandbox.Tests.Genesys;

/// <summary>GET /api/v2/users/me, /api/v2/users/{userId}, /api/v2/organizations/me and the control routes for users.</summary>
public sealed class UsersApiTests
{
    private const string AgentId = "0b7d3c52-9e14-4f6a-8a21-5d9c0e3f7b16";

    [Fact]
    public async Task AClientTokenOnUsersMeIsBadRequestBecauseItHasNoUserContext()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        using var flow = new LoginFlow(host);

        using var response = await flow.GetApiAsync("/api/v2/users/me", await host.GetTokenAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("bad.request", body.GetProperty("code").GetString());
        Assert.Equal(400, body.GetProperty("status").GetInt32());
        Assert.Equal("This request requires a user context. Client credentials cannot be used for requests to this resource.",
            body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task UsersMeWithoutATokenIsAuthenticationRequired()
    {
        await using var host = await GenesysSandboxHost.StartAsync();

        using var response = await host.Client.GetAsync("/api/v2/users/me", HttpTestExtensions.Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("authentication.required", (await response.JsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task AUserMadeInactiveOrDeletedLosesTheirToken()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        using var flow = new LoginFlow(host);
        await flow.RegisterLoginClientAsync();
        await flow.PutUserAsync(AgentId, "Ada Agent", "ada@example.test");
        var token = await flow.SignInAsync(AgentId);
        var second = await flow.SignInAsync(AgentId);

        await flow.PutUserAsync(AgentId, "Ada Agent", "ada@example.test", state: "inactive");
        using var inactive = await flow.GetApiAsync("/api/v2/users/me", token);
        Assert.Equal(HttpStatusCode.Unauthorized, inactive.StatusCode);
        Assert.Equal("authentication.required", (await inactive.JsonAsync()).GetProperty("code").GetString());

        await flow.PutUserAsync(AgentId, "Ada Agent", "ada@example.test");
        using (var reactivated = await flow.GetApiAsync("/api/v2/users/me", second))
        {
            Assert.Equal(HttpStatusCode.OK, reactivated.StatusCode);
        }
        using (var delete = await host.Client.DeleteAsync($"/sandbox/organizations/{LoginFlow.DefaultOrganizationId()}/users/{AgentId}", HttpTestExtensions.Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }
        using var deleted = await flow.GetApiAsync("/api/v2/users/me", second);
        Assert.Equal(HttpStatusCode.Unauthorized, deleted.StatusCode);
    }

    [Fact]
    public async Task AClientTokenReadsItsOrganizationsUsersIncludingInactiveOnes()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        using var flow = new LoginFlow(host);
        await flow.PutUserAsync(AgentId, "Ada Agent", "ada@example.test", ["Supervisor"], state: "inactive");

        using var response = await flow.GetApiAsync($"/api/v2/users/{AgentId}?expand=authorization", await host.GetTokenAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var user = await response.JsonAsync();
        Assert.Equal("inactive", user.GetProperty("state").GetString());
        Assert.Equal("Supervisor", user.GetProperty("authorization").GetProperty("roles")[0].GetProperty("name").GetString());
        Assert.False(user.TryGetProperty("organization", out _));
    }

    [Fact]
    public async Task AUserOfAnotherOrganizationIsNotFound()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        using var flow = new LoginFlow(host);
        await LoginFlowTests.RegisterOrganizationAsync(host, "other-org", "Other Org", clientId: "other-client", secret: "other-secret");
        await flow.PutUserAsync(AgentId, "Ada Agent", "ada@example.test");
        await flow.PutUserAsync("other-user", "Otto Other", "otto@other.test", organizationId: "other-org");
        var otherToken = await host.GetTokenAsync("other-client", "other-secret");

        using var foreign = await flow.GetApiAsync($"/api/v2/users/{AgentId}", otherToken);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal("not.found", (await foreign.JsonAsync()).GetProperty("code").GetString());
        using var own = await flow.GetApiAsync("/api/v2/users/other-user", otherToken);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task ADeletedUserIsNotFound()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        using var flow = new LoginFlow(host);
        await flow.PutUserAsync(AgentId, "Ada Agent", "ada@example.test");
        var token = await host.GetTokenAsync();
        var path = $"/sandbox/organizations/{LoginFlow.DefaultOrganizationId()}/users/{AgentId}";

        using (var delete = await host.Client.DeleteAsync(path, HttpTestExtensions.Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }
        using var response = await flow.GetApiAsync($"/api/v2/users/{AgentId}", token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var users = await host.Client.GetJsonAsync($"/sandbox/organizations/{LoginFlow.DefaultOrganizationId()}/users");
        Assert.Equal(0, users.GetArrayLength());
    }

    [Fact]
    public async Task OrganizationsMeAnswersForClientAndUserTokens()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        using var flow = new LoginFlow(host);
        await flow.RegisterLoginClientAsync();
        await LoginFlowTests.RegisterOrganizationAsync(host, "7e0d9a64-3f2b-4c1d-8e5a-9b6c2d4f1a03", "Acme Support Center", clientId: "acme-client", secret: "acme-secret");
        await flow.PutUserAsync(AgentId, "Ada Agent", "ada@example.test", organizationId: "7e0d9a64-3f2b-4c1d-8e5a-9b6c2d4f1a03");

        using var byClient = await flow.GetApiAsync("/api/v2/organizations/me", await host.GetTokenAsync("acme-client", "acme-secret"));
        using var byUser = await flow.GetApiAsync("/api/v2/organizations/me", await flow.SignInAsync(AgentId));

        foreach (var response in new[] { byClient, byUser })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var organization = await response.JsonAsync();
            Assert.Equal("7e0d9a64-3f2b-4c1d-8e5a-9b6c2d4f1a03", organization.GetProperty("id").GetString());
            Assert.Equal("Acme Support Center", organization.GetProperty("name").GetString());
            Assert.Equal("en-us", organization.GetProperty("defaultLanguage").GetString());
            Assert.Equal("acmesupportcenter", organization.GetProperty("thirdPartyOrgName").GetString());
            Assert.Equal("acmesupportcenter", organization.GetProperty("domain").GetString());
            Assert.Equal("active", organization.GetProperty("state").GetString());
            Assert.Equal(1, organization.GetProperty("version").GetInt32());
            Assert.Equal("/api/v2/organizations/7e0d9a64-3f2b-4c1d-8e5a-9b6c2d4f1a03", organization.GetProperty("selfUri").GetString());
        }
    }

    [Fact]
    public async Task AClientRegisteredWithoutAnOrganizationGetsOneDerivedFromItsIdSharedByItsIntegrations()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        using var flow = new LoginFlow(host);
        await OAuthTests.RegisterAsync(host, "first-integration", "shared-client", "shared-secret");
        await OAuthTests.RegisterAsync(host, "second-integration", "shared-client", "shared-secret");

        using var response = await flow.GetApiAsync("/api/v2/organizations/me", await host.GetTokenAsync("shared-client", "shared-secret"));

        var organization = await response.JsonAsync();
        Assert.Equal(LoginFlow.DefaultOrganizationId("shared-client"), organization.GetProperty("id").GetString());
        Assert.Equal("Organization of shared-client", organization.GetProperty("name").GetString());
        Assert.Equal("organizationofshared-client", organization.GetProperty("thirdPartyOrgName").GetString());
        var listed = (await host.Client.GetJsonAsync("/sandbox/organizations")).EnumerateArray()
            .Single(o => o.GetProperty("id").GetString() == LoginFlow.DefaultOrganizationId("shared-client"));
        Assert.Equal(["shared-client"], listed.GetProperty("clientIds").EnumerateArray().Select(c => c.GetString()));
        var integration = await host.Client.GetJsonAsync("/sandbox/integrations/second-integration");
        Assert.Equal(LoginFlow.DefaultOrganizationId("shared-client"), integration.GetProperty("organizationId").GetString());
    }

    [Fact]
    public async Task ARoleNameHasTheSameIdInEveryOrganization()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        using var flow = new LoginFlow(host);
        await LoginFlowTests.RegisterOrganizationAsync(host, "other-org", "Other Org");

        var first = await flow.PutUserAsync(AgentId, "Ada Agent", "ada@example.test", ["Supervisor"]);
        var second = await flow.PutUserAsync("other-user", "Otto Other", "otto@other.test", ["Supervisor"], organizationId: "other-org");

        var id = first.GetProperty("roles")[0].GetProperty("id").GetString();
        Assert.True(Guid.TryParse(id, out _));
        Assert.Equal(id, second.GetProperty("roles")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task PuttingAUserIsValidated()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        var organization = LoginFlow.DefaultOrganizationId();

        using var noEmail = await host.Client.PutAsJsonAsync($"/sandbox/organizations/{organization}/users/u1",
            new { name = "No Email" }, HttpTestExtensions.Ct);
        using var badState = await host.Client.PutAsJsonAsync($"/sandbox/organizations/{organization}/users/u1",
            new { name = "A", email = "a@example.test", state = "deleted" }, HttpTestExtensions.Ct);
        using var unknownOrganization = await host.Client.PutAsJsonAsync("/sandbox/organizations/no-such-org/users/u1",
            new { name = "A", email = "a@example.test" }, HttpTestExtensions.Ct);

        Assert.Equal(HttpStatusCode.BadRequest, noEmail.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badState.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownOrganization.StatusCode);
    }
}
