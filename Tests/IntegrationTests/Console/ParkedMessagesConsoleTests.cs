using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.IntegrationTests.Gateway;
using WhatsAppGenesys.IntegrationTests.Inbound;
using WhatsAppGenesys.IntegrationTests.Portal;
using static Microsoft.Playwright.Assertions;

namespace WhatsAppGenesys.IntegrationTests.Console;

/// <summary>An operator finds a parked message in the console, inspects it and replays it; the agent gets it.</summary>
public sealed class ParkedMessagesConsoleTests(AppFixture fixture, ConsoleBrowser browser) : IClassFixture<ConsoleBrowser>
{
    private readonly OperatorConsole _console = new(fixture, browser);

    [Fact]
    public async Task AMessageGenesysRefusedIsParkedAndReplayedFromTheConsoleToTheAgent()
    {
        var ct = TestContext.Current.CancellationToken;
        // A tenant with its own Genesys integration, so the refusal below hits no other test's messages.
        using var tenant = await TemplateTenant.CreateAsync(fixture, ct, withGenesys: true);
        using var admin = new GatewayHarness(fixture).Operator();
        var integrationId = (await admin.GetFromJsonAsync<JsonObject>($"/api/tenants/{tenant.TenantId}", ct))!["genesys"]!["integrationId"]!.GetValue<string>();

        // Genesys refuses the customer's message with a 400: not retryable, so the pipeline parks it as an error. The
        // refusal lasts until the message is parked, not for one request: on a loaded machine the transformer's call
        // can time out after genesys-api got the 400, and a retry that met no fault would deliver the message.
        var genesys = fixture.Client(ServiceNames.GenesysSandbox);
        string faultId;
        using (var fault = await genesys.PostAsJsonAsync("/sandbox/faults", new
        {
            path = $"/api/v2/conversations/messages/{integrationId}/inbound/open/message",
            status = 400,
            durationSeconds = 120,
        }, ct))
        {
            fault.EnsureSuccessStatusCode();
            faultId = (await fault.Content.ReadFromJsonAsync<JsonObject>(ct))!["id"]!.GetValue<string>();
        }
        var customer = Sandboxes.NewCustomer();
        using (var sent = await fixture.Client(ServiceNames.MetaSandbox).PostAsJsonAsync($"/sandbox/customers/{customer}/messages",
            new { type = "text", text = "parked, then replayed", phoneNumberId = tenant.PhoneNumberId }, ct))
        {
            sent.EnsureSuccessStatusCode();
        }
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(await admin.GetFromJsonAsync<JsonArray>($"/admin/pipelines/{Pipelines.Inbound}/errors?limit=1000", ct))!
                   .Any(m => m!["orderingKey"]!.GetValue<string>() == $"{tenant.TenantId}:{customer}"))
        {
            Assert.True(DateTime.UtcNow < deadline, "The refused message was not parked in the inbound pipeline's error queue.");
            await Task.Delay(300, ct);
        }
        (await genesys.DeleteAsync($"/sandbox/faults/{faultId}", ct)).EnsureSuccessStatusCode();

        var page = await _console.SignedInAdminAsync();
        await page.GotoAsync($"/pipelines?tenant={tenant.TenantId}");
        var row = page.Locator("tbody tr").Filter(new() { HasText = tenant.TenantId });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("Genesys refused the message");
        await row.Locator("summary").ClickAsync();
        await Expect(row.Locator(".inspect")).ToContainTextAsync($"{tenant.TenantId}:{customer}");
        await ConsoleBrowser.ScreenshotAsync(page, "parked-message-inspected");

        // The tenant list points at it too.
        await page.GotoAsync($"/?q={tenant.TenantId}");
        await Expect(page.Locator($"tr[data-tenant='{tenant.TenantId}']")).ToContainTextAsync("1 parked");

        await page.GotoAsync($"/pipelines?tenant={tenant.TenantId}");
        await page.Locator("tbody tr").Filter(new() { HasText = tenant.TenantId }).GetByRole(AriaRole.Button, new() { NameRegex = new("^Replay message") }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("1 message replayed.");
        await Expect(page.Locator("tbody tr").Filter(new() { HasText = tenant.TenantId })).ToHaveCountAsync(0);

        var received = await new Sandboxes(fixture).WaitForAgentMessagesAsync(customer, 1);
        Assert.Equal("parked, then replayed", Sandboxes.Text(Assert.Single(received)));
    }
}
