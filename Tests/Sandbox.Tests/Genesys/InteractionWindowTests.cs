using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace WhatsAppGenesys.Sandbox.Tests.Genesys;

/// <summary>
/// GET /sandbox/interaction-window: the desktop's interaction window, which signs the agent in to the login host and
/// frames the agent widget with its URL template filled in.
/// </summary>
public sealed partial class InteractionWindowTests
{
    private const string AgentId = "6f1c2a8e-41d5-4a37-9d0b-7c3e5f1a2b94";

    [Fact]
    public async Task TheWindowSignsTheAgentInAndFramesTheWidgetWithThePlaceholdersFilled()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        using var flow = new LoginFlow(host);
        await flow.PutUserAsync(AgentId, "Ada <O'Hara> & Co", "ada@example.test");
        const string conversationId = "<b>conv</b> & 1/2";

        using var response = await flow.OpenInteractionWindowAsync(AgentId, conversationId,
            LoginFlow.WidgetTemplate + "&legacy={{pcConversationId}}&environment={{pcEnvironment}}&other={{gcLangTag}}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        Assert.False(response.Headers.Contains("X-Frame-Options"));
        Assert.False(response.Headers.Contains("Content-Security-Policy"));

        var cookie = SetCookieHeaderValue.ParseList([.. response.Headers.GetValues("Set-Cookie")]).Single();
        Assert.Equal(LoginFlow.SessionCookie, cookie.Name.ToString());
        Assert.True(cookie.Value.Length >= 40);
        Assert.DoesNotContain(AgentId, cookie.Value.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteMode.Lax, cookie.SameSite);
        Assert.Equal("/", cookie.Path.ToString());
        Assert.Null(cookie.Expires);

        var html = await response.Content.ReadAsStringAsync(HttpTestExtensions.Ct);
        Assert.Contains("<title>Genesys Cloud – interaction (sandbox)</title>", html, StringComparison.Ordinal);
        Assert.Contains("Ada &lt;O&#39;Hara&gt; &amp; Co", html, StringComparison.Ordinal);
        Assert.Contains("<code id=\"conversation-id\">&lt;b&gt;conv&lt;/b&gt; &amp; 1/2</code>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>conv</b>", html, StringComparison.Ordinal);

        var frame = WidgetFrame().Match(html);
        Assert.True(frame.Success, html);
        var encodedSrc = frame.Groups[1].Value;
        // The URL's "&" are HTML-encoded in the attribute; the conversation id is URL-encoded in the URL.
        Assert.Contains("?workspace=acme&amp;conversationId=%3Cb%3Econv%3C%2Fb%3E%20%26%201%2F2&amp;", encodedSrc, StringComparison.Ordinal);
        var src = new Uri(WebUtility.HtmlDecode(encodedSrc));
        Assert.Equal("https://widget.example.test/", src.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(src.Query);
        Assert.Equal("acme", query["workspace"].ToString());
        Assert.Equal(conversationId, query["conversationId"].ToString());
        Assert.Equal(flow.Browser.BaseAddress!.GetLeftPart(UriPartial.Authority), query["gcHostOrigin"].ToString());
        Assert.Equal("sandbox", query["gcTargetEnv"].ToString());
        Assert.Equal(conversationId, query["legacy"].ToString());
        Assert.Equal("sandbox", query["environment"].ToString());
        Assert.Equal("{{gcLangTag}}", query["other"].ToString());
    }

    [Fact]
    public async Task TheHostOriginKeepsThePort()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        using var flow = new LoginFlow(host);
        await flow.PutUserAsync(AgentId, "Ada Agent", "ada@example.test");
        flow.Browser.BaseAddress = new Uri("http://127.0.0.1:3021/");

        using var response = await flow.OpenInteractionWindowAsync(AgentId);

        var html = await response.Content.ReadAsStringAsync(HttpTestExtensions.Ct);
        var src = new Uri(WebUtility.HtmlDecode(WidgetFrame().Match(html).Groups[1].Value));
        Assert.Equal("http://127.0.0.1:3021", QueryHelpers.ParseQuery(src.Query)["gcHostOrigin"].ToString());
    }

    [Theory]
    [InlineData(null, "conversation-1", LoginFlow.WidgetTemplate, "userId is required")]
    [InlineData("no-such-user", "conversation-1", LoginFlow.WidgetTemplate, "Unknown user")]
    [InlineData("inactive-user", "conversation-1", LoginFlow.WidgetTemplate, "is inactive")]
    [InlineData(AgentId, null, LoginFlow.WidgetTemplate, "conversationId is required")]
    [InlineData(AgentId, "", LoginFlow.WidgetTemplate, "conversationId is required")]
    [InlineData(AgentId, "conversation-1", null, "absolute http or https URL")]
    [InlineData(AgentId, "conversation-1", "/widget/?conversationId={{gcConversationId}}", "absolute http or https URL")]
    [InlineData(AgentId, "conversation-1", "widget.example.test/?conversationId={{gcConversationId}}", "absolute http or https URL")]
    [InlineData(AgentId, "conversation-1", "javascript:alert(1)", "absolute http or https URL")]
    [InlineData(AgentId, "conversation-1", "ftp://widget.example.test/", "absolute http or https URL")]
    public async Task AWindowThatCannotBeOpenedIs400AndSignsNobodyIn(string? userId, string? conversationId, string? widget, string why)
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        using var flow = new LoginFlow(host);
        await flow.PutUserAsync(AgentId, "Ada Agent", "ada@example.test");
        await flow.PutUserAsync("inactive-user", "Ivan Inactive", "ivan@example.test", state: "inactive");

        using var response = await flow.OpenInteractionWindowAsync(userId, conversationId, widget);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        var html = await response.Content.ReadAsStringAsync(HttpTestExtensions.Ct);
        Assert.Contains("<title>Genesys Cloud – interaction (sandbox)</title>", html, StringComparison.Ordinal);
        Assert.Contains(why, html, StringComparison.Ordinal);
        Assert.DoesNotContain("<iframe", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AUserOfAnyOrganizationCanOpenTheWindow()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        using var flow = new LoginFlow(host);
        await LoginFlowTests.RegisterOrganizationAsync(host, "b-org", "Beta Corp");
        await flow.PutUserAsync("beta-agent", "Bo Beta", "bo@beta.test", organizationId: "b-org");

        using var response = await flow.OpenInteractionWindowAsync("beta-agent");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<span id=\"organization\">Beta Corp</span>", await response.Content.ReadAsStringAsync(HttpTestExtensions.Ct),
            StringComparison.Ordinal);
    }

    [GeneratedRegex("""<iframe id="interaction-widget" title="Agent widget" src="([^"]*)"[^>]*></iframe>""")]
    private static partial Regex WidgetFrame();
}
