using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.Playwright;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.Tenancy;
using WhatsAppGenesys.IntegrationTests.Inbound;
using WhatsAppGenesys.IntegrationTests.Rcs;
using WhatsAppGenesys.IntegrationTests.Tenancy;
using static Microsoft.Playwright.Assertions;

namespace WhatsAppGenesys.IntegrationTests.Console;

/// <summary>An admin gives a WhatsApp tenant an RCS agent on its page; the platform then signs in at the provider with it.</summary>
public sealed class RcsSettingsConsoleTests(AppFixture fixture, ConsoleBrowser browser) : IClassFixture<ConsoleBrowser>
{
    private readonly OperatorConsole _console = new(fixture, browser);

    [Fact]
    public async Task AnAdminSetsUpRcsForATenantAndTheCredentialsWork()
    {
        var ct = TestContext.Current.CancellationToken;
        var tenancy = new TenancyHarness(fixture);
        var rcs = new RcsHarness(fixture);
        var tenant = await tenancy.CreateTenantAsync(ct);
        var suffix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
        var (agentId, clientId, clientSecret, webhookToken) = ($"console_agent_{suffix}", $"console-client-{suffix}", $"secret-{suffix}", $"token-{suffix}");
        using (var registered = await rcs.Simulator.PutAsJsonAsync($"/sandbox/agents/{agentId}",
                   new { clientId, clientSecret, webhookSecret = webhookToken }, ct))
        {
            registered.EnsureSuccessStatusCode();
        }

        var page = await _console.SignedInAdminAsync();
        await page.GotoAsync($"/tenants/{tenant.Id}");
        var panel = page.Locator("section.rcs-settings");
        await Expect(panel).ToContainTextAsync("Not set up");

        // A first set-up needs both secrets.
        await panel.GetByLabel("Agent id").FillAsync(agentId);
        await panel.GetByLabel("OAuth client id").FillAsync(clientId);
        await panel.GetByRole(AriaRole.Button, new() { Name = "Save RCS settings" }).ClickAsync();
        await Expect(panel.GetByRole(AriaRole.Status)).ToContainTextAsync("Enter the client secret and the webhook client token");

        await panel.GetByLabel("Agent id").FillAsync(agentId);
        await panel.GetByLabel("OAuth client id").FillAsync(clientId);
        await panel.GetByLabel("Client secret").FillAsync(clientSecret);
        await panel.GetByLabel("Webhook client token").FillAsync(webhookToken);
        await panel.GetByRole(AriaRole.Button, new() { Name = "Save RCS settings" }).ClickAsync();
        await Expect(panel.GetByRole(AriaRole.Status)).ToContainTextAsync("RCS settings saved");
        await Expect(panel.Locator("dl.review")).ToContainTextAsync(agentId);
        await Expect(panel.Locator("dl.review")).ToContainTextAsync(clientId);
        // The URL to paste at RBM is the agent's own: it answers RBM's verification with this agent's client token.
        await Expect(panel.GetByLabel("Agent webhook URL")).ToHaveValueAsync(
            new System.Text.RegularExpressions.Regex($"^https?://[^/]+/webhook/rcs/{agentId}$"));
        await ConsoleBrowser.ScreenshotAsync(page, "tenant-rcs-settings");

        // What was typed is neither echoed to the browser nor readable back; the tenant service has it, encrypted.
        var html = await page.ContentAsync();
        Assert.DoesNotContain(clientSecret, html);
        Assert.DoesNotContain(webhookToken, html);
        using (var admin = tenancy.TenantService())
        {
            var stored = await admin.GetFromJsonAsync<TenantResponse>($"/api/tenants/{tenant.Id}", ct);
            Assert.Equal(agentId, stored!.Rcs!.AgentId);
            Assert.True(stored.Rcs.ClientSecret.IsSet);
            Assert.True(stored.Rcs.WebhookToken.IsSet);
        }
        // The platform signs in at the provider with the credentials the admin typed.
        var token = await rcs.TokenAsync(tenant.Id, ct);
        Assert.False(string.IsNullOrEmpty(token.AccessToken));

        // Linking WhatsApp and RCS is off until the admin ticks it; the stored secrets stay when the fields are blank.
        await Expect(panel.Locator("dl.review")).ToContainTextAsync("Separate");
        await panel.GetByText("Change the RCS settings").ClickAsync();
        await panel.GetByLabel("One conversation per phone number across WhatsApp and RCS").CheckAsync();
        await panel.GetByRole(AriaRole.Button, new() { Name = "Save RCS settings" }).ClickAsync();
        await Expect(panel.GetByRole(AriaRole.Status)).ToContainTextAsync("RCS settings saved");
        await Expect(panel.Locator("dl.review")).ToContainTextAsync("Linked: one conversation per phone number");
        using (var admin = tenancy.TenantService())
        {
            var stored = await admin.GetFromJsonAsync<TenantResponse>($"/api/tenants/{tenant.Id}", ct);
            Assert.True(stored!.Rcs!.LinkWithWhatsApp);
            Assert.True(stored.Rcs.ClientSecret.IsSet);
        }

        // Another tenant cannot take the same agent: the form says why and keeps what was typed.
        var other = await tenancy.CreateTenantAsync(ct);
        await page.GotoAsync($"/tenants/{other.Id}");
        panel = page.Locator("section.rcs-settings");
        await panel.GetByLabel("Agent id").FillAsync(agentId);
        await panel.GetByLabel("OAuth client id").FillAsync(clientId);
        await panel.GetByLabel("Client secret").FillAsync("another-secret");
        await panel.GetByLabel("Webhook client token").FillAsync("another-token");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Save RCS settings" }).ClickAsync();
        await Expect(panel.GetByRole(AriaRole.Status)).ToContainTextAsync("already assigned to another tenant");
        await Expect(panel.GetByLabel("Agent id")).ToHaveValueAsync(agentId);
    }

    [Fact]
    public async Task ASupportOperatorSeesTheRcsAgentAndItsLastWebhookAndReplaysItsArchiveButNeverItsSecrets()
    {
        var ct = TestContext.Current.CancellationToken;
        // A customer writes to the demo tenant (seeded with the simulator's RCS agent) over RCS.
        var customers = new RcsCustomers(fixture);
        var msisdn = RcsCustomers.NewMsisdn();
        var customerId = RcsCustomers.CustomerId(msisdn);
        await customers.SendsAsync(msisdn, new { text = "Hello from an RCS phone" }, ct);
        var sandboxes = new Sandboxes(fixture);
        await sandboxes.WaitForAgentMessagesAsync(customerId, 1);

        var (email, password) = await _console.AddOperatorAsync("support");
        var page = await _console.SignInAsync(email, password);
        await page.GotoAsync("/tenants/demo");
        // Minutes, not "just now": signing a new operator in can take over a minute on a loaded two-core machine.
        await Expect(page.Locator("p.activity")).ToContainTextAsync(new System.Text.RegularExpressions.Regex("from the RCS provider: (just now|[0-9]+ min ago)"));
        var panel = page.Locator("section.rcs-settings");
        await Expect(panel.Locator("dl.review")).ToContainTextAsync("Agent");
        await Expect(panel.Locator("dl.review")).ToContainTextAsync("Separate: the same number on WhatsApp and on RCS is two conversations");
        await Expect(panel.GetByText("Webhook client token")).ToHaveCountAsync(0);
        await Expect(panel.GetByRole(AriaRole.Button, new() { Name = "Save RCS settings" })).ToHaveCountAsync(0);

        // The RCS archive replays like the others: everything found is queued again, and nothing reaches the agent twice.
        var now = DateTime.UtcNow;
        await page.GetByLabel("RCS provider → us").CheckAsync();
        await page.GetByLabel("From (UTC)").FillAsync(Minute(now.AddMinutes(-3)));
        await page.GetByLabel("To (UTC)").FillAsync(Minute(now.AddMinutes(2)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Replay", Exact = true }).ClickAsync();
        await Expect(page.Locator("section[aria-labelledby='archive-replay'] [role='status']"))
            .ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^(\d+) webhooks? found, \1 queued again\.$"));
        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        Assert.Single(await sandboxes.AgentReceivedAsync(customerId));
    }

    private static string Minute(DateTime at) => at.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
