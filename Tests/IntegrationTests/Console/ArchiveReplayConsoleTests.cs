using System.Globalization;
using System.Net.Http.Json;
using Microsoft.Playwright;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.IntegrationTests.Inbound;
using WhatsAppGenesys.IntegrationTests.Portal;
using static Microsoft.Playwright.Assertions;

namespace WhatsAppGenesys.IntegrationTests.Console;

/// <summary>A support operator replays a tenant's archived Meta webhooks of a time range from the tenant page.</summary>
public sealed class ArchiveReplayConsoleTests(AppFixture fixture, ConsoleBrowser browser) : IClassFixture<ConsoleBrowser>
{
    private readonly OperatorConsole _console = new(fixture, browser);

    [Fact]
    public async Task ASupportOperatorReplaysTheTenantsWebhooksOfARangeAndReadsWhatHappened()
    {
        var ct = TestContext.Current.CancellationToken;
        using var tenant = await TemplateTenant.CreateAsync(fixture, ct, withGenesys: true);
        var customer = Sandboxes.NewCustomer();
        foreach (var text in new[] { "first", "second" })
        {
            using var sent = await fixture.Client(ServiceNames.MetaSandbox).PostAsJsonAsync($"/sandbox/customers/{customer}/messages",
                new { type = "text", text, phoneNumberId = tenant.PhoneNumberId }, ct);
            sent.EnsureSuccessStatusCode();
        }
        await new Sandboxes(fixture).WaitForAgentMessagesAsync(customer, 2);
        // Whatever Meta sent for the tenant is archived (the two messages, and any status webhook besides).
        var archived = (await fixture.ListS3KeysAsync(Buckets.WebhooksInbound, $"{tenant.TenantId}/")).Count;
        Assert.True(archived >= 2, $"Only {archived} webhooks of {tenant.TenantId} were archived.");

        var (email, password) = await _console.AddOperatorAsync("support");
        var page = await _console.SignInAsync(email, password);
        await page.GotoAsync($"/tenants/{tenant.TenantId}");
        var now = DateTime.UtcNow;
        await page.GetByLabel("Meta → us").CheckAsync();
        await page.GetByLabel("From (UTC)").FillAsync(Minute(now.AddMinutes(-10)));
        await page.GetByLabel("To (UTC)").FillAsync(Minute(now.AddMinutes(2)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Replay", Exact = true }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"{archived} webhooks found, {archived} queued again.");
        await ConsoleBrowser.ScreenshotAsync(page, "archive-replay");

        // Genesys has sent nothing for this tenant: the form, used from the keyboard, says so.
        await page.GetByLabel("Genesys → us").FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await page.GetByLabel("From (UTC)").FillAsync(Minute(now.AddMinutes(-10)));
        await page.GetByLabel("To (UTC)").FillAsync(Minute(now.AddMinutes(2)));
        await page.GetByLabel("To (UTC)").PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("No archived webhooks in this range.");

        // Nothing reached the agent twice.
        var received = await new Sandboxes(fixture).WaitForAgentMessagesAsync(customer, 2);
        Assert.Equal(["first", "second"], received.Select(Sandboxes.Text));
    }

    private static string Minute(DateTime at) => at.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
}
