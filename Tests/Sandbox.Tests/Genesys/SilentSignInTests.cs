using System.Net;

namespace WhatsAppGenesys.Sandbox.Tests.Genesys;

/// <summary>
/// GET /oauth/authorize in a browser the interaction window signed in: the 302 with a code comes at once, as real
/// Genesys's single sign-on answers a widget framed in the agent's desktop, unless something says the page is needed.
/// </summary>
public sealed class SilentSignInTests
{
    private const string AgentId = "6f1c2a8e-41d5-4a37-9d0b-7c3e5f1a2b94";
    private const string OtherAgentId = "0d7e9b2c-5a14-4c6f-8e3b-2f9a1c7d4e60";

    [Fact]
    public async Task ASignedInBrowserGetsACodeAtOnceThatRedeemsToThatUser()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        using var flow = new LoginFlow(host);
        await flow.RegisterLoginClientAsync();
        await flow.PutUserAsync(AgentId, "Ada Agent", "ada@example.test");
        await flow.PutUserAsync(OtherAgentId, "Bo Agent", "bo@example.test");
        await flow.OpenSignedInAsync(AgentId);

        using var authorize = await flow.GetSignInPageAsync();

        var code = flow.CodeFrom(authorize);
        using var exchange = await flow.ExchangeAsync(code);
        Assert.Equal(HttpStatusCode.OK, exchange.StatusCode);
        var token = (await exchange.JsonAsync()).GetProperty("access_token").GetString()!;
        using var me = await flow.GetApiAsync("/api/v2/users/me", token);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(AgentId, (await me.JsonAsync()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task TheSilentCodeIsBoundToTheChallengeAndRedirectUriLikeThePickersCode()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        using var flow = new LoginFlow(host);
        await flow.RegisterLoginClientAsync();
        await flow.PutUserAsync(AgentId, "Ada Agent", "ada@example.test");
        await flow.OpenSignedInAsync(AgentId);

        using var authorize = await flow.GetSignInPageAsync();
        var code = flow.CodeFrom(authorize);

        using var wrongVerifier = await flow.ExchangeAsync(code, verifier: new string('a', 43));
        Assert.Equal(HttpStatusCode.BadRequest, wrongVerifier.StatusCode);
        using var otherRedirect = await flow.ExchangeAsync(code, redirectUri: LoginFlow.OtherRedirectUri);
        Assert.Equal(HttpStatusCode.BadRequest, otherRedirect.StatusCode);
        using var right = await flow.ExchangeAsync(code);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [Fact]
    public async Task OpeningTheWindowForAnotherUserSignsThatUserIn()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        using var flow = new LoginFlow(host);
        await flow.RegisterLoginClientAsync();
        await flow.PutUserAsync(AgentId, "Ada Agent", "ada@example.test");
        await flow.PutUserAsync(OtherAgentId, "Bo Agent", "bo@example.test");
        await flow.OpenSignedInAsync(AgentId);
        await flow.OpenSignedInAsync(OtherAgentId);

        using var authorize = await flow.GetSignInPageAsync();
        using var exchange = await flow.ExchangeAsync(flow.CodeFrom(authorize));
        using var me = await flow.GetApiAsync("/api/v2/users/me", (await exchange.JsonAsync()).GetProperty("access_token").GetString()!);

        Assert.Equal(OtherAgentId, (await me.JsonAsync()).GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("login")]
    [InlineData("consent login")]
    public async Task PromptLoginShowsThePickerAndTheChoiceWins(string prompt)
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        using var flow = new LoginFlow(host);
        await flow.RegisterLoginClientAsync();
        await flow.PutUserAsync(AgentId, "Ada Agent", "ada@example.test");
        await flow.PutUserAsync(OtherAgentId, "Bo Agent", "bo@example.test");
        await flow.OpenSignedInAsync(AgentId);

        using var page = await flow.GetSignInPageAsync(flow.AuthorizeQuery() + "&prompt=" + Uri.EscapeDataString(prompt));

        var html = await AssertPickerAsync(page);
        using var post = await flow.ChooseUserAsync(OtherAgentId, html);
        using var exchange = await flow.ExchangeAsync(flow.CodeFrom(post));
        using var me = await flow.GetApiAsync("/api/v2/users/me", (await exchange.JsonAsync()).GetProperty("access_token").GetString()!);
        Assert.Equal(OtherAgentId, (await me.JsonAsync()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task AnotherPromptValueDoesNotStopTheSilentSignIn()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        using var flow = new LoginFlow(host);
        await flow.RegisterLoginClientAsync();
        await flow.PutUserAsync(AgentId, "Ada Agent", "ada@example.test");
        await flow.OpenSignedInAsync(AgentId);

        using var authorize = await flow.GetSignInPageAsync(flow.AuthorizeQuery() + "&prompt=none");

        flow.CodeFrom(authorize);
    }

    [Fact]
    public async Task AUserMadeInactiveSinceSigningInGetsThePicker()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        using var flow = new LoginFlow(host);
        await flow.RegisterLoginClientAsync();
        await flow.PutUserAsync(AgentId, "Ada Agent", "ada@example.test");
        await flow.PutUserAsync(OtherAgentId, "Bo Agent", "bo@example.test");
        await flow.OpenSignedInAsync(AgentId);
        await flow.PutUserAsync(AgentId, "Ada Agent", "ada@example.test", state: "inactive");

        using var page = await flow.GetSignInPageAsync();

        Assert.Equal([OtherAgentId], LoginFlow.UserButtons(await AssertPickerAsync(page)));
    }

    [Fact]
    public async Task ADeletedUserGetsThePicker()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        using var flow = new LoginFlow(host);
        await flow.RegisterLoginClientAsync();
        await flow.PutUserAsync(AgentId, "Ada Agent", "ada@example.test");
        await flow.OpenSignedInAsync(AgentId);
        using (var deleted = await host.Client.DeleteAsync($"/sandbox/organizations/{LoginFlow.DefaultOrganizationId()}/users/{AgentId}",
            HttpTestExtensions.Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        using var page = await flow.GetSignInPageAsync();

        await AssertPickerAsync(page);
    }

    [Theory]
    [InlineData("forged")]
    [InlineData(AgentId)]
    [InlineData("Zm9yZ2VkLXNlc3Npb24taWQtb2YtdGhpcnR5LXR3by1ieXRlcw")]
    public async Task AForgedCookieGetsThePicker(string value)
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        using var flow = new LoginFlow(host);
        await flow.RegisterLoginClientAsync();
        await flow.PutUserAsync(AgentId, "Ada Agent", "ada@example.test");
        // Another browser is signed in, so sessions exist; this one only claims one.
        using (var other = new LoginFlow(host))
        {
            await other.OpenSignedInAsync(AgentId);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, flow.AuthorizeQuery());
        request.Headers.Add("Cookie", $"{LoginFlow.SessionCookie}={value}");
        using var page = await flow.Browser.SendAsync(request, HttpTestExtensions.Ct);

        await AssertPickerAsync(page);
    }

    [Fact]
    public async Task ASessionEndsAfterTwelveHours()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        using var flow = new LoginFlow(host);
        await flow.RegisterLoginClientAsync();
        await flow.PutUserAsync(AgentId, "Ada Agent", "ada@example.test");
        await flow.OpenSignedInAsync(AgentId);

        host.Clock.Advance(TimeSpan.FromHours(12));
        using var page = await flow.GetSignInPageAsync();

        await AssertPickerAsync(page);
    }

    [Fact]
    public async Task ResetForgetsSessions()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        using var flow = new LoginFlow(host);
        await flow.RegisterLoginClientAsync();
        await flow.PutUserAsync(AgentId, "Ada Agent", "ada@example.test");
        await flow.OpenSignedInAsync(AgentId);
        using (var reset = await host.Client.PostAsync("/sandbox/reset", content: null, HttpTestExtensions.Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        }

        using var page = await flow.GetSignInPageAsync();

        await AssertPickerAsync(page);
    }

    [Fact]
    public async Task AnUnregisteredRedirectUriIsRefusedEvenWithASession()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        using var flow = new LoginFlow(host);
        await flow.RegisterLoginClientAsync();
        await flow.PutUserAsync(AgentId, "Ada Agent", "ada@example.test");
        await flow.OpenSignedInAsync(AgentId);

        using var response = await flow.GetSignInPageAsync(flow.AuthorizeQuery(redirectUri: "https://evil.example.test/callback"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("is not registered for client", await response.Content.ReadAsStringAsync(HttpTestExtensions.Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnInvalidRequestIsAnErrorRedirectWithoutACodeEvenWithASession()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        using var flow = new LoginFlow(host);
        await flow.RegisterLoginClientAsync();
        await flow.PutUserAsync(AgentId, "Ada Agent", "ada@example.test");
        await flow.OpenSignedInAsync(AgentId);

        using var response = await flow.GetSignInPageAsync(flow.AuthorizeQuery(method: "plain"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith(LoginFlow.RedirectUri + "?error=invalid_request&", location, StringComparison.Ordinal);
        Assert.DoesNotContain("code=", location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePickerSetsNoSessionSoTheNextSignInShowsItAgain()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        using var flow = new LoginFlow(host);
        await flow.RegisterLoginClientAsync();
        await flow.PutUserAsync(AgentId, "Ada Agent", "ada@example.test");

        using (var post = await flow.ChooseUserAsync(AgentId))
        {
            flow.CodeFrom(post);
            Assert.False(post.Headers.Contains("Set-Cookie"));
        }
        using var page = await flow.GetSignInPageAsync();

        await AssertPickerAsync(page);
    }

    private static async Task<string> AssertPickerAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        var html = await response.Content.ReadAsStringAsync(HttpTestExtensions.Ct);
        Assert.Contains("<title>Genesys Cloud sign in (sandbox)</title>", html, StringComparison.Ordinal);
        return html;
    }
}
