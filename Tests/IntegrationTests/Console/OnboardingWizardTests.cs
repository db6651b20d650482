using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.IntegrationTests.Gateway;
using WhatsAppGenesys.IntegrationTests.Inbound;
using WhatsAppGenesys.IntegrationTests.Outbound;
using static Microsoft.Playwright.Assertions;

namespace WhatsAppGenesys.IntegrationTests.Console;

/// <summary>
/// The onboarding wizard in a real browser against the real system: Meta's Embedded Signup through the Meta sandbox's
/// popup, Genesys's test connection against the Genesys sandbox, and a customer of the new tenant reaching an agent.
/// </summary>
public sealed class OnboardingWizardTests(AppFixture fixture, ConsoleBrowser browser) : IClassFixture<ConsoleBrowser>
{
    private readonly OperatorConsole _console = new(fixture, browser);

    private HttpClient MetaSandbox => fixture.Client(ServiceNames.MetaSandbox);

    private HttpClient GenesysSandbox => fixture.Client(ServiceNames.GenesysSandbox);

    [Fact]
    public async Task AnAdminOnboardsABusinessWithEmbeddedSignupAndItsCustomersReachAnAgent()
    {
        var ct = TestContext.Current.CancellationToken;
        var tenantId = $"wiz-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        // The business's Genesys organization already has its OAuth client and Open Messaging integration.
        var genesys = new GenesysOrg($"wiz-client-{tenantId}", $"wiz-secret-{Guid.NewGuid():N}", Guid.NewGuid().ToString());
        await RegisterAsync(genesys, webhookSecret: "set-after-onboarding", webhookUrl: null, ct);

        var page = await OpenWizardAsync();
        await FillBusinessAsync(page, "Wizard Coffee Roasters", tenantId);

        // WhatsApp: Embedded Signup is the default; the business owner finishes Meta's popup.
        await page.GetByLabel("Two-step verification PIN for the number").FillAsync("246810");
        var popup = await page.RunAndWaitForPopupAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Connect with Facebook" }).ClickAsync());
        await popup.WaitForLoadStateAsync();
        await ConsoleBrowser.ScreenshotAsync(popup, "onboarding-meta-popup");
        await popup.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(page.Locator("[data-test=signup-result]")).ToContainTextAsync("Connected.", new() { Timeout = 30_000 });
        await ConsoleBrowser.ScreenshotAsync(page, "onboarding-whatsapp-connected");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next: Genesys" }).ClickAsync();

        await FillGenesysAsync(page, genesys);
        await page.GetByRole(AriaRole.Button, new() { Name = "Test connection and continue" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Review" })).ToBeVisibleAsync();
        await Expect(page.Locator(".review")).ToContainTextAsync("connected with Embedded Signup");
        await ConsoleBrowser.ScreenshotAsync(page, "onboarding-review");

        await page.GetByRole(AriaRole.Button, new() { Name = "Create tenant and go live" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Wizard Coffee Roasters is live" })).ToBeVisibleAsync();
        await ConsoleBrowser.ScreenshotAsync(page, "onboarding-live");
        var genesysWebhookUrl = await page.Locator("#genesys-webhook-url").InputValueAsync();
        var genesysWebhookSecret = await page.Locator("#genesys-webhook-secret").InputValueAsync();
        Assert.EndsWith("/webhook/genesys", genesysWebhookUrl);
        Assert.EndsWith("/webhook/whatsapp", await page.Locator("#meta-webhook-url").InputValueAsync());
        Assert.Matches("^[0-9a-f]{48}$", await page.Locator("#meta-verify-token").InputValueAsync());
        Assert.DoesNotContain(genesys.ClientSecret, await page.ContentAsync());

        // Meta's side of the signup happened: our app is subscribed to the WABA and the number is registered.
        var tenant = await GetTenantAsync(tenantId, ct);
        Assert.Equal($"ops@{tenantId}.example", tenant!["contactEmail"]!.GetValue<string>());
        var phoneNumberId = tenant!["whatsApp"]!["phoneNumberIds"]![0]!.GetValue<string>();
        var signup = (await MetaSandbox.GetFromJsonAsync<JsonArray>("/sandbox/embedded-signups", ct))!
            .Select(s => s!.AsObject()).Single(s => s["phoneNumberId"]?.GetValue<string>() == phoneNumberId);
        Assert.True(signup["codeExchanged"]!.GetValue<bool>());
        Assert.True(signup["subscribed"]!.GetValue<bool>());
        Assert.True(signup["registered"]!.GetValue<bool>());
        Assert.True(tenant["whatsApp"]!["accessToken"]!["isSet"]!.GetValue<bool>());
        Assert.True(tenant["genesys"]!["clientSecret"]!["isSet"]!.GetValue<bool>());

        // The operator pastes the webhook URL and secret into the Genesys integration, as the review page says.
        await RegisterAsync(genesys, genesysWebhookSecret, genesysWebhookUrl, ct);

        // A customer writes to the new number and the agent of the new tenant's Genesys organization gets it.
        var customer = Sandboxes.NewCustomer();
        using (var sent = await MetaSandbox.PostAsJsonAsync($"/sandbox/customers/{customer}/messages",
            new { type = "text", text = "Hello from a brand-new tenant", phoneNumberId }, ct))
        {
            sent.EnsureSuccessStatusCode();
        }
        var received = await new Sandboxes(fixture).WaitForAgentMessagesAsync(customer, 1);
        Assert.Equal("Hello from a brand-new tenant", Sandboxes.Text(Assert.Single(received)));
        var conversation = await new Sandboxes(fixture).ConversationAsync(customer);
        Assert.Equal(genesys.IntegrationId, conversation!["integrationId"]?.GetValue<string>(), ignoreCase: true);
        // The agent answers, and Meta's delivery receipt comes back: the tenant now has a delivery rate to draw.
        var desk = new AgentDesk(fixture);
        var reply = await desk.AgentSendsAsync(conversation["id"]!.GetValue<string>(), new { type = "text", text = "Welcome to the roastery!" });
        await desk.WaitForReceiptAsync(customer, reply, "Delivered");

        // The tenant list shows it, active; its page counts the customer's message (from portal-service's counters).
        await page.GotoAsync($"/?q={tenantId}");
        await Expect(page.Locator($"tr[data-tenant='{tenantId}']")).ToContainTextAsync("Active");
        var fromCustomers = page.Locator(".card").Filter(new() { HasText = "From customers" }).Locator(".figure");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        do
        {
            await page.GotoAsync($"/tenants/{tenantId}");
        }
        while ((await fromCustomers.InnerTextAsync() != "1" || await page.Locator("#rates-title").CountAsync() == 0) &&
               DateTime.UtcNow < deadline && await Delay());
        await Expect(fromCustomers).ToHaveTextAsync("1");
        await Expect(page.Locator(".card").Filter(new() { HasText = "Delivered" }).Locator(".figure")).ToHaveTextAsync("100%");
        await Expect(page.Locator(".chart .dot-delivered")).ToHaveCountAsync(1);
        // Meta's webhook for the new number got through a moment ago; whatever Genesys has sent is as recent.
        var recent = new System.Text.RegularExpressions.Regex("^(just now|[0-9]+ min ago)$");
        await Expect(page.Locator(".activity time").First).ToHaveTextAsync(recent);
        foreach (var time in await page.Locator(".activity time").AllAsync())
        {
            await Expect(time).ToHaveTextAsync(recent);
        }
        await Expect(page.Locator(".chart svg").First).ToBeVisibleAsync();
        await ConsoleBrowser.ScreenshotAsync(page, "tenant-detail");

        static async Task<bool> Delay()
        {
            await Task.Delay(500);
            return true;
        }
    }

    [Fact]
    public async Task AWrongGenesysSecretIsExplainedAndCreatesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var tenantId = $"wiz-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        var genesys = new GenesysOrg($"wiz-client-{tenantId}", $"wiz-secret-{Guid.NewGuid():N}", Guid.NewGuid().ToString());
        await RegisterAsync(genesys, webhookSecret: "unused", webhookUrl: null, ct);

        var page = await OpenWizardAsync();
        await FillBusinessAsync(page, "Wrong Secret Ltd", tenantId);

        // WhatsApp by hand, for a business that already has its account.
        await page.GetByLabel("Enter an existing account's details by hand").CheckAsync();
        await page.GetByLabel("WhatsApp Business Account id").FillAsync("81234567890");
        await page.GetByLabel("Phone number id(s)").FillAsync("1234567890");
        await page.GetByLabel("System user access token").FillAsync("token-typed-by-hand");
        await page.GetByLabel("App secret").FillAsync("app-secret-typed-by-hand");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next: Genesys" }).ClickAsync();

        await FillGenesysAsync(page, genesys with { ClientSecret = "not-the-secret" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Test connection and continue" }).ClickAsync();
        var result = page.Locator("[data-test=connection-result]");
        await Expect(result).ToContainTextAsync("The connection failed.");
        await Expect(result).ToContainTextAsync("Genesys rejected the OAuth client credentials");
        await ConsoleBrowser.ScreenshotAsync(page, "onboarding-genesys-rejected");

        // An integration id the organization does not have is named as the problem, not the credentials.
        await page.GetByLabel("OAuth client secret").FillAsync(genesys.ClientSecret);
        await page.GetByLabel("Open Messaging integration id").FillAsync(Guid.NewGuid().ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Test connection and continue" }).ClickAsync();
        await Expect(result).ToContainTextAsync("no Open Messaging integration");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Genesys Cloud" })).ToBeVisibleAsync();
        Assert.Null(await GetTenantAsync(tenantId, ct));
    }

    private async Task<IPage> OpenWizardAsync()
    {
        var page = await _console.SignedInAdminAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Onboard a tenant" }).First.ClickAsync();
        // The wizard is interactive: wait until its circuit is up before typing into it.
        await Expect(page.Locator(".wizard[data-interactive=true]")).ToBeVisibleAsync();
        return page;
    }

    private static async Task FillBusinessAsync(IPage page, string name, string tenantId)
    {
        await page.GetByLabel("Business name").FillAsync(name);
        await page.GetByLabel("Tenant id").FillAsync(tenantId);
        await page.GetByLabel("Contact e-mail").FillAsync($"ops@{tenantId}.example");
        await ConsoleBrowser.ScreenshotAsync(page, "onboarding-business");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next: WhatsApp" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "WhatsApp" })).ToBeVisibleAsync();
    }

    private static async Task FillGenesysAsync(IPage page, GenesysOrg genesys)
    {
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Genesys Cloud" })).ToBeVisibleAsync();
        await page.GetByLabel("Region").SelectOptionAsync("mypurecloud.com");
        await page.GetByLabel("OAuth client id").FillAsync(genesys.ClientId);
        await page.GetByLabel("OAuth client secret").FillAsync(genesys.ClientSecret);
        await page.GetByLabel("Open Messaging integration id").FillAsync(genesys.IntegrationId);
    }

    private async Task RegisterAsync(GenesysOrg genesys, string webhookSecret, string? webhookUrl, CancellationToken ct)
    {
        using var response = await GenesysSandbox.PostAsJsonAsync("/sandbox/integrations", new
        {
            integrationId = genesys.IntegrationId,
            clientId = genesys.ClientId,
            clientSecret = genesys.ClientSecret,
            webhookSecret,
            webhookUrl,
            name = $"WhatsApp for {genesys.ClientId}",
        }, ct);
        response.EnsureSuccessStatusCode();
    }

    private async Task<JsonObject?> GetTenantAsync(string tenantId, CancellationToken ct)
    {
        using var admin = new GatewayHarness(fixture).Operator();
        using var response = await admin.GetAsync($"/api/tenants/{tenantId}", ct);
        return response.StatusCode == HttpStatusCode.NotFound
            ? null
            : await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonObject>(ct);
    }

    private sealed record GenesysOrg(string ClientId, string ClientSecret, string IntegrationId);
}
