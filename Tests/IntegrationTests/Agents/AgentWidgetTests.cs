using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.Agents;
using WhatsAppGenesys.IntegrationTests.Console;
using WhatsAppGenesys.IntegrationTests.Outbound;
using WhatsAppGenesys.IntegrationTests.Portal;
using static Microsoft.Playwright.Assertions;

namespace WhatsAppGenesys.IntegrationTests.Agents;

/// <summary>
/// The agent widget inside Genesys Cloud's interaction window: it signs the agent in inside the frame with no click
/// (Genesys already knows them), shows the conversation's customer and sends a template in two clicks. Only the
/// tenant's Genesys origin may frame it, and it never shows another tenant's customer.
/// </summary>
public sealed class AgentWidgetTests(AppFixture fixture, ConsoleBrowser browser) : IClassFixture<ConsoleBrowser>
{
    // The URL a Genesys admin registers for the interaction widget; Genesys fills in the placeholders.
    private const string RegisteredQuery = "conversationId={{gcConversationId}}&gcHostOrigin={{gcHostOrigin}}&gcTargetEnv={{gcTargetEnv}}";

    private readonly AgentWorkspace _workspace = new(fixture);
    private readonly AgentDesk _desk = new(fixture);

    private Uri WidgetUrl => fixture.App.GetEndpoint(ServiceNames.AgentWidget);
    private Uri GenesysUrl => fixture.App.GetEndpoint(ServiceNames.GenesysSandbox);

    [Fact]
    public async Task InsideGenesysTheWidgetShowsTheCustomerAndSendsATemplateInTwoClicks()
    {
        var ct = TestContext.Current.CancellationToken;
        using var tenant = await TemplateTenant.CreateAsync(fixture, ct, withGenesys: true);
        var template = TemplateTenant.NewName("pickup_ready");
        await CreateNamedTemplateAsync(tenant, template, ct);
        var customer = Inbound.Sandboxes.NewCustomer();
        using (var contact = await tenant.Client.PostAsJsonAsync("/api/v1/portal/contacts", new
        {
            phone = "+" + customer,
            name = "Grace Hopper",
            tags = new[] { "vip", "wholesale" },
            attributes = new Dictionary<string, string> { ["order_number"] = $"G-{customer[^4..]}" },
        }, ct))
        {
            Assert.Equal(HttpStatusCode.Created, contact.StatusCode);
        }
        var question = $"Is my order ready for pickup? ({customer})";
        var genesysConversationId = await CustomerWritesAsync(tenant, customer, question, ct);
        var organization = await OrganizationOfAsync(tenant, ct);
        var agentName = $"Wanda Widget {Guid.NewGuid().ToString()[..6]}";
        var agentId = await _workspace.PutUserAsync(organization, agentName, ["Communicate - Agent"], ct: ct);

        // The agent has the conversation open in Genesys; the widget beside it signs in by itself.
        var page = await browser.NewPageAsync(GenesysUrl);
        await page.GotoAsync(InteractionWindow(agentId, genesysConversationId, tenant.TenantId));
        var widget = page.FrameLocator("#interaction-widget");
        var card = widget.Locator("[data-test=customer]");
        await Expect(card).ToContainTextAsync("Grace Hopper", new() { Timeout = 30_000 });
        await Expect(widget.Locator("[data-test=whoami]")).ToHaveTextAsync(agentName);
        await Expect(card.Locator("[data-test=customer-number]")).ToHaveTextAsync("+" + customer);
        await Expect(card.Locator("[data-test=customer-consent]")).ToContainTextAsync("Accepts marketing");
        await Expect(card.Locator("[data-test=tag]")).ToHaveTextAsync(["vip", "wholesale"]);
        await Expect(widget.Locator("[data-test=message]", new() { HasText = question })).ToBeVisibleAsync();
        await Expect(widget.Locator("[data-test=campaigns]")).ToContainTextAsync("No campaign has messaged this customer.");

        // Two clicks: the template (its fields prefilled from the contact), then send.
        await widget.GetByLabel("Template", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = $"{template} · en_US · utility" });
        var expected = $"Hi Grace, order G-{customer[^4..]} is ready for pickup.";
        await Expect(widget.Locator("[data-test=template-preview]")).ToContainTextAsync(expected);
        await ConsoleBrowser.ScreenshotAsync(page, "agent-widget-in-genesys");
        var send = widget.GetByRole(AriaRole.Button, new() { Name = "Send template" });
        await Expect(send).ToHaveCSSAsync("background-color", "rgb(15, 118, 110)"); // the shared stylesheet is there
        await send.ClickAsync();
        await Expect(widget.GetByRole(AriaRole.Status)).ToContainTextAsync("Template sent");
        await Expect(widget.Locator("[data-test=message]", new() { HasText = expected })).ToContainTextAsync(agentName);

        var received = Assert.Single(await _desk.WaitForCustomerMessagesAsync(customer, 1));
        Assert.Equal(template, received["body"]!["template"]!["name"]!.GetValue<string>());
        await AgentDesk.SettleAsync();
        Assert.Single(await _desk.CustomerReceivedAsync(customer));

        // Another tenant's conversation, asked for by its Genesys id, is not found: in the widget and at the API.
        var otherTenantsConversation = await _desk.CustomerOpensConversationAsync(Inbound.Sandboxes.NewCustomer());
        await page.GotoAsync(InteractionWindow(agentId, otherTenantsConversation, tenant.TenantId));
        await Expect(widget.Locator("[data-test=widget-not-found]")).ToContainTextAsync($"workspace {tenant.TenantId}", new() { Timeout = 30_000 });
        var session = await _workspace.SignInAsync(tenant.TenantId, agentId, ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/agent/widget/conversations/{otherTenantsConversation}");
        request.Headers.Authorization = new("Bearer", session.Token);
        using var answer = await _workspace.PortalService.SendAsync(request, ct);
        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);

        // Nor can the agent open another workspace's widget: Genesys signs them in to their own organization only.
        await page.GotoAsync(InteractionWindow(agentId, otherTenantsConversation, "demo"));
        await Expect(widget.Locator("[data-test=signin-error]")).ToContainTextAsync("another organization", new() { Timeout = 30_000 });
        await Expect(widget.Locator("[data-test=customer]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task OnlyTheTenantsGenesysOriginMayFrameTheWidget()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = new HttpClient { BaseAddress = WidgetUrl };
        var genesysOrigin = GenesysUrl.GetLeftPart(UriPartial.Authority);
        Assert.Equal($"frame-ancestors {genesysOrigin}", await FramePolicyAsync(http, "/?workspace=demo&conversationId=any", ct));
        Assert.Equal("frame-ancestors 'none'", await FramePolicyAsync(http, "/?workspace=no-such-workspace&conversationId=any", ct));
        Assert.Equal("frame-ancestors 'none'", await FramePolicyAsync(http, "/?conversationId=any", ct));

        // The same widget address (here one that needs no sign-in: it names no conversation) framed by Genesys's
        // interaction window shows the widget; the very same window at another origin (the simulator under another
        // host name) gets the browser's refusal.
        var agent = await _workspace.PutUserAsync(await _workspace.DemoOrganizationAsync(ct), $"Fran Frame {Guid.NewGuid().ToString()[..6]}",
            ["Communicate - Agent"], ct: ct);
        var window = $"/sandbox/interaction-window?userId={agent}&conversationId=any&widget={Uri.EscapeDataString(new Uri(WidgetUrl, "/?workspace=demo").ToString())}";
        var inGenesys = await browser.NewPageAsync(GenesysUrl);
        await inGenesys.GotoAsync(window);
        await Expect(inGenesys.FrameLocator("#interaction-widget").Locator("[data-test=widget-misconfigured]")).ToBeVisibleAsync();
        var otherOrigin = new UriBuilder(GenesysUrl) { Host = GenesysUrl.Host == "localhost" ? "127.0.0.1" : "localhost" }.Uri;
        var elsewhere = await browser.NewPageAsync(otherOrigin);
        await elsewhere.GotoAsync(window);
        var refused = elsewhere.Frames.Single(f => f != elsewhere.MainFrame);
        await WaitUntilAsync(() => refused.Url.StartsWith("chrome-error://", StringComparison.Ordinal), ct);
        await Expect(elsewhere.FrameLocator("#interaction-widget").Locator("[data-test=widget-misconfigured]")).ToHaveCountAsync(0);
    }

    private string InteractionWindow(string userId, string genesysConversationId, string workspace) =>
        $"/sandbox/interaction-window?userId={userId}&conversationId={Uri.EscapeDataString(genesysConversationId)}" +
        $"&widget={Uri.EscapeDataString(new Uri(WidgetUrl, $"/?workspace={workspace}&{RegisteredQuery}").ToString())}";

    private static async Task<string?> FramePolicyAsync(HttpClient http, string path, CancellationToken ct)
    {
        using var response = await http.GetAsync(path, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.TryGetValues("Content-Security-Policy", out var values) ? string.Join(",", values) : null;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, CancellationToken ct)
    {
        for (var waited = 0; !condition(); waited += 200)
        {
            Assert.True(waited < 15_000, "the condition did not come true within 15 s");
            await Task.Delay(200, ct);
        }
    }

    private async Task<string> CustomerWritesAsync(TemplateTenant tenant, string customer, string text, CancellationToken ct)
    {
        using (var sent = await fixture.Client(ServiceNames.MetaSandbox).PostAsJsonAsync($"/sandbox/customers/{customer}/messages",
                   new { type = "text", text, phoneNumberId = tenant.PhoneNumberId }, ct))
        {
            sent.EnsureSuccessStatusCode();
        }
        await _desk.Sandboxes.WaitForAgentMessagesAsync(customer, 1);
        return (await _desk.Sandboxes.ConversationAsync(customer))!["id"]!.GetValue<string>();
    }

    private async Task<string> OrganizationOfAsync(TemplateTenant tenant, CancellationToken ct) =>
        (await fixture.Client(ServiceNames.GenesysSandbox).GetFromJsonAsync<JsonArray>("/sandbox/organizations", ct))!
        .Single(o => o!["clientIds"]!.AsArray().Any(c => c!.GetValue<string>() == $"tpl-client-{tenant.TenantId["tpl-".Length..]}"))!["id"]!
        .GetValue<string>();

    private static async Task CreateNamedTemplateAsync(TemplateTenant tenant, string name, CancellationToken ct)
    {
        using (var created = await tenant.Client.PostAsJsonAsync("/api/v1/portal/templates", new
        {
            name,
            language = "en_US",
            category = "UTILITY",
            parameterFormat = "NAMED",
            components = new object[]
            {
                new
                {
                    type = "BODY",
                    text = "Hi {{first_name}}, order {{order_number}} is ready for pickup.",
                    example = new
                    {
                        body_text_named_params = new[]
                        {
                            new { param_name = "first_name", example = "Ada" },
                            new { param_name = "order_number", example = "A-1001" },
                        },
                    },
                },
            },
        }, ct))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        await tenant.WaitForStatusAsync(name, "en_US", "APPROVED", ct);
    }
}
