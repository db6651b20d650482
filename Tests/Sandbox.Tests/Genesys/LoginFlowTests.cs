using System.Net;
using Microsoft.AspNetCore.WebUtilities;

namespace WhatsAppGenesys.Sandbox.Tests.Genesys;

/// <summary>The authorization-code grant with PKCE: /oauth/authorize and /oauth/token with grant_type=authorization_code.</summary>
public sealed class LoginFlowTests
{
    private const string AgentId = "6f1c2a8e-41d5-4a37-9d0b-7c3e5f1a2b94";

    [Fact]
    public async Task AnAgentSignsInWithPkceAndReadsThemselvesWithOrganizationAndRoles()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        using var flow = new LoginFlow(host);
        await flow.RegisterLoginClientAsync();
        await flow.PutUserAsync(AgentId, "Ada Agent", "ada@example.test", ["Communicate - Agent", "Supervisor"]);

        using var page = await flow.GetSignInPageAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        var html = await page.Content.ReadAsStringAsync(HttpTestExtensions.Ct);
        Assert.Contains("<title>Genesys Cloud sign in (sandbox)</title>", html, StringComparison.Ordinal);
        Assert.Contains("<h2>Organization of sandbox-genesys-client</h2>", html, StringComparison.Ordinal);
        Assert.Contains($"""<button type="submit" name="userId" value="{AgentId}">Ada Agent (ada@example.test)</button>""", html, StringComparison.Ordinal);
        Assert.Contains("""<form method="post" action="/oauth/authorize">""", html, StringComparison.Ordinal);
        Assert.Equal(flow.State, LoginFlow.HiddenInputs(html).Single(p => p.Key == "state").Value);

        var code = await flow.GetCodeAsync(AgentId);
        using var exchange = await flow.ExchangeAsync(code);
        Assert.Equal(HttpStatusCode.OK, exchange.StatusCode);
        Assert.Equal("no-store", exchange.Headers.CacheControl!.ToString());
        var tokenBody = await exchange.JsonAsync();
        Assert.Equal("bearer", tokenBody.GetProperty("token_type").GetString());
        Assert.Equal(86400, tokenBody.GetProperty("expires_in").GetInt32());

        using var me = await flow.GetApiAsync("/api/v2/users/me?expand=organization,authorization", tokenBody.GetProperty("access_token").GetString()!);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        var user = await me.JsonAsync();
        Assert.Equal(AgentId, user.GetProperty("id").GetString());
        Assert.Equal("Ada Agent", user.GetProperty("name").GetString());
        Assert.Equal("ada@example.test", user.GetProperty("email").GetString());
        Assert.Equal("ada@example.test", user.GetProperty("username").GetString());
        Assert.Equal("active", user.GetProperty("state").GetString());
        Assert.Equal(1, user.GetProperty("version").GetInt32());
        Assert.Equal($"/api/v2/users/{AgentId}", user.GetProperty("selfUri").GetString());
        var organization = user.GetProperty("organization");
        Assert.Equal(LoginFlow.DefaultOrganizationId(), organization.GetProperty("id").GetString());
        Assert.Equal("Organization of sandbox-genesys-client", organization.GetProperty("name").GetString());
        Assert.Equal($"/api/v2/organizations/{LoginFlow.DefaultOrganizationId()}", organization.GetProperty("selfUri").GetString());
        var authorization = user.GetProperty("authorization");
        Assert.Equal(["Communicate - Agent", "Supervisor"],
            authorization.GetProperty("roles").EnumerateArray().Select(r => r.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
        Assert.All(authorization.GetProperty("roles").EnumerateArray(), r => Assert.True(Guid.TryParse(r.GetProperty("id").GetString(), out _)));
        Assert.Equal(0, authorization.GetProperty("unusedRoles").GetArrayLength());
        Assert.Equal(0, authorization.GetProperty("permissions").GetArrayLength());
    }

    [Fact]
    public async Task WithoutExpandTheUserHasNoOrganizationOrAuthorization()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        using var flow = new LoginFlow(host);
        await flow.RegisterLoginClientAsync();
        await flow.PutUserAsync(AgentId, "Ada Agent", "ada@example.test");

        using var me = await flow.GetApiAsync("/api/v2/users/me", await flow.SignInAsync(AgentId));

        var user = await me.JsonAsync();
        Assert.False(user.TryGetProperty("organization", out _));
        Assert.False(user.TryGetProperty("authorization", out _));
    }

    [Fact]
    public async Task AWrongVerifierIsInvalidGrantAndLeavesTheCodeUsable()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        using var flow = new LoginFlow(host);
        await flow.RegisterLoginClientAsync();
        await flow.PutUserAsync(AgentId, "Ada Agent", "ada@example.test");
        var code = await flow.GetCodeAsync(AgentId);

        using var wrong = await flow.ExchangeAsync(code, verifier: new string('a', 43));
        await AssertOAuthErrorAsync(wrong, "invalid_grant");

        using var right = await flow.ExchangeAsync(code);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [Fact]
    public async Task ACodeWorksOnce()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        using var flow = new LoginFlow(host);
        await flow.RegisterLoginClientAsync();
        await flow.PutUserAsync(AgentId, "Ada Agent", "ada@example.test");
        var code = await flow.GetCodeAsync(AgentId);

        using (var first = await flow.ExchangeAsync(code))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }
        using var again = await flow.ExchangeAsync(code);

        await AssertOAuthErrorAsync(again, "invalid_grant");
    }

    [Fact]
    public async Task ACodeExpiresAfterSixtySeconds()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        using var flow = new LoginFlow(host);
        await flow.RegisterLoginClientAsync();
        await flow.PutUserAsync(AgentId, "Ada Agent", "ada@example.test");
        var code = await flow.GetCodeAsync(AgentId);

        host.Clock.Advance(TimeSpan.FromSeconds(61));
        using var response = await flow.ExchangeAsync(code);

        await AssertOAuthErrorAsync(response, "invalid_grant");
    }

    [Fact]
    public async Task AnotherRedirectUriThanTheCodesIsInvalidGrantEvenIfRegistered()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        using var flow = new LoginFlow(host);
        await flow.RegisterLoginClientAsync();
        await flow.PutUserAsync(AgentId, "Ada Agent", "ada@example.test");
        var code = await flow.GetCodeAsync(AgentId);

        using var response = await flow.ExchangeAsync(code, redirectUri: LoginFlow.OtherRedirectUri);

        await AssertOAuthErrorAsync(response, "invalid_grant");
    }

    [Fact]
    public async Task AnotherClientThanTheCodesIsInvalidGrantAndAnUnknownOneInvalidClient()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        using var flow = new LoginFlow(host);
        await flow.RegisterLoginClientAsync();
        using (var other = await host.Client.PostJsonAsync("/sandbox/login-clients", new { clientId = "other-app", redirectUris = new[] { LoginFlow.RedirectUri } }))
        {
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        }
        await flow.PutUserAsync(AgentId, "Ada Agent", "ada@example.test");
        var code = await flow.GetCodeAsync(AgentId);

        using var otherClient = await flow.ExchangeAsync(code, clientId: "other-app");
        await AssertOAuthErrorAsync(otherClient, "invalid_grant");
        using var unknownClient = await flow.ExchangeAsync(code, clientId: "no-such-app");
        await AssertOAuthErrorAsync(unknownClient, "invalid_client");
    }

    [Fact]
    public async Task AMissingCodeOrVerifierIsInvalidRequest()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        using var flow = new LoginFlow(host);
        await flow.RegisterLoginClientAsync();

        using var noCode = await flow.ExchangeAsync("");
        await AssertOAuthErrorAsync(noCode, "invalid_request");
        using var noVerifier = await flow.ExchangeAsync("some-code", verifier: "");
        await AssertOAuthErrorAsync(noVerifier, "invalid_request");
    }

    [Fact]
    public async Task AnUnregisteredRedirectUriGetsAPageAndNoRedirect()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        using var flow = new LoginFlow(host);
        await flow.RegisterLoginClientAsync();

        using var response = await flow.GetSignInPageAsync(flow.AuthorizeQuery(redirectUri: "https://evil.example.test/callback"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("is not registered for client", await response.Content.ReadAsStringAsync(HttpTestExtensions.Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownClientGetsAPageAndNoRedirect()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        using var flow = new LoginFlow(host);

        using var response = await flow.GetSignInPageAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("Unknown client_id", await response.Content.ReadAsStringAsync(HttpTestExtensions.Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "S256", "invalid_request")]
    [InlineData("", null, "invalid_request")]
    [InlineData("", "plain", "invalid_request")]
    public async Task AMissingChallengeOrAMethodOtherThanS256IsRedirectedAsInvalidRequest(string? challenge, string? method, string error)
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        using var flow = new LoginFlow(host);
        await flow.RegisterLoginClientAsync();

        using var response = await flow.GetSignInPageAsync(flow.AuthorizeQuery(challenge: challenge, method: method));

        AssertRedirectedError(flow, response, error);
    }

    [Fact]
    public async Task AResponseTypeOtherThanCodeIsRedirectedAsUnsupported()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        using var flow = new LoginFlow(host);
        await flow.RegisterLoginClientAsync();

        using var response = await flow.GetSignInPageAsync(flow.AuthorizeQuery(responseType: "token"));

        AssertRedirectedError(flow, response, "unsupported_response_type");
    }

    [Fact]
    public async Task AnInactiveUserIsNotListedAndCannotSignIn()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        using var flow = new LoginFlow(host);
        await flow.RegisterLoginClientAsync();
        await flow.PutUserAsync(AgentId, "Ada Agent", "ada@example.test");
        await flow.PutUserAsync("inactive-user", "Ivan Inactive", "ivan@example.test", state: "inactive");

        using var page = await flow.GetSignInPageAsync();
        var html = await page.Content.ReadAsStringAsync(HttpTestExtensions.Ct);
        Assert.Equal([AgentId], LoginFlow.UserButtons(html));

        using var post = await flow.ChooseUserAsync("inactive-user", html);
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Null(post.Headers.Location);
        using var unknown = await flow.ChooseUserAsync("no-such-user", html);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [Fact]
    public async Task WithNoActiveUserThePageSaysSo()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        using var flow = new LoginFlow(host);
        await flow.RegisterLoginClientAsync();

        using var page = await flow.GetSignInPageAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync(HttpTestExtensions.Ct);
        Assert.Contains("no active user", html, StringComparison.Ordinal);
        Assert.Empty(LoginFlow.UserButtons(html));
    }

    [Fact]
    public async Task UsersAreGroupedByOrganization()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        using var flow = new LoginFlow(host);
        await flow.RegisterLoginClientAsync();
        await RegisterOrganizationAsync(host, "b-org", "Beta Corp");
        await flow.PutUserAsync(AgentId, "Ada Agent", "ada@example.test");
        await flow.PutUserAsync("beta-agent", "Bo Beta", "bo@beta.test", organizationId: "b-org");

        using var page = await flow.GetSignInPageAsync();
        var html = await page.Content.ReadAsStringAsync(HttpTestExtensions.Ct);

        var beta = html.IndexOf("<h2>Beta Corp</h2>", StringComparison.Ordinal);
        var sandbox = html.IndexOf("<h2>Organization of sandbox-genesys-client</h2>", StringComparison.Ordinal);
        Assert.True(beta >= 0 && sandbox > beta);
        Assert.True(html.IndexOf("value=\"beta-agent\"", StringComparison.Ordinal) is var b && b > beta && b < sandbox);
        Assert.True(html.IndexOf($"value=\"{AgentId}\"", StringComparison.Ordinal) > sandbox);
    }

    [Fact]
    public async Task ARedirectUriWithAQueryGetsTheCodeAppendedWithAnAmpersand()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        using var flow = new LoginFlow(host);
        const string withQuery = "https://portal.example.test/callback?tenant=acme";
        await flow.RegisterLoginClientAsync(withQuery);
        await flow.PutUserAsync(AgentId, "Ada Agent", "ada@example.test");

        using var page = await flow.GetSignInPageAsync(flow.AuthorizeQuery(redirectUri: withQuery));
        using var post = await flow.ChooseUserAsync(AgentId, await page.Content.ReadAsStringAsync(HttpTestExtensions.Ct));

        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        var location = post.Headers.Location!.ToString();
        Assert.StartsWith(withQuery + "&code=", location, StringComparison.Ordinal);
        Assert.Contains("&state=" + Uri.EscapeDataString(flow.State), location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoginClientsFromConfigurationWork()
    {
        await using var host = await GenesysSandboxHost.StartAsync(new Dictionary<string, string?>
        {
            ["GenesysSandbox:LoginClients:0:ClientId"] = LoginFlow.LoginClientId,
            ["GenesysSandbox:LoginClients:0:RedirectUris:0"] = LoginFlow.RedirectUri,
        });
        using var flow = new LoginFlow(host);
        await flow.PutUserAsync(AgentId, "Ada Agent", "ada@example.test");

        using var me = await flow.GetApiAsync("/api/v2/users/me", await flow.SignInAsync(AgentId));

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        var clients = await host.Client.GetJsonAsync("/sandbox/login-clients");
        Assert.Equal(LoginFlow.LoginClientId, clients[0].GetProperty("clientId").GetString());
    }

    [Fact]
    public async Task ClientCredentialsStillWorkNextToTheCodeGrant()
    {
        await using var host = await GenesysSandboxHost.StartAsync();

        using var response = await host.RequestTokenAsync(GenesysSandboxHost.ClientId, GenesysSandboxHost.ClientSecret);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    internal static async Task RegisterOrganizationAsync(GenesysSandboxHost host, string organizationId, string organizationName,
        string clientId = "client-of-", string secret = "secret")
    {
        using var response = await host.Client.PostJsonAsync("/sandbox/integrations", new
        {
            integrationId = "integration-of-" + organizationId,
            clientId = clientId == "client-of-" ? clientId + organizationId : clientId,
            clientSecret = secret,
            organizationId,
            organizationName,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private static async Task AssertOAuthErrorAsync(HttpResponseMessage response, string error)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal(error, body.GetProperty("error").GetString());
        Assert.Equal(body.GetProperty("description").GetString(), body.GetProperty("error_description").GetString());
    }

    private static void AssertRedirectedError(LoginFlow flow, HttpResponseMessage response, string error)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith(LoginFlow.RedirectUri + "?", location, StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(new Uri(location).Query);
        Assert.Equal(error, query["error"].ToString());
        Assert.False(string.IsNullOrEmpty(query["error_description"].ToString()));
        Assert.Equal(flow.State, query["state"].ToString());
        Assert.False(query.ContainsKey("code"));
    }
}
