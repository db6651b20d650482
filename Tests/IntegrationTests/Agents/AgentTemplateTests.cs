using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.Agents;
using WhatsAppGenesys.IntegrationTests.Console;
using WhatsAppGenesys.IntegrationTests.Inbound;
using WhatsAppGenesys.IntegrationTests.Outbound;
using WhatsAppGenesys.IntegrationTests.Portal;
using static Microsoft.Playwright.Assertions;

namespace WhatsAppGenesys.IntegrationTests.Agents;

/// <summary>
/// Outside WhatsApp's 24-hour window the composer offers the workspace's approved templates, fills their fields from
/// the customer's contact, and sends one straight to WhatsApp: the customer gets it once, and it shows in the
/// conversation under the agent's name with its ticks.
/// </summary>
public sealed class AgentTemplateTests(AppFixture fixture, ConsoleBrowser browser) : IClassFixture<ConsoleBrowser>
{
    private readonly AgentWorkspace _workspace = new(fixture);
    private readonly AgentDesk _desk = new(fixture);

    [Fact]
    public async Task OutsideTheWindowASupervisorSendsAnApprovedTemplatePrefilledFromTheContact()
    {
        var ct = TestContext.Current.CancellationToken;
        using var tenant = await TemplateTenant.CreateAsync(fixture, ct, withGenesys: true);
        var template = TemplateTenant.NewName("order_update");
        using (var created = await tenant.Client.PostAsJsonAsync("/api/v1/portal/templates", new
        {
            name = template,
            language = "en_US",
            category = "UTILITY",
            parameterFormat = "NAMED",
            components = new object[]
            {
                new
                {
                    type = "BODY",
                    text = "Hi {{first_name}}, your order {{order_number}} ships on {{ship_day}}.",
                    example = new
                    {
                        body_text_named_params = new[]
                        {
                            new { param_name = "first_name", example = "Ada" },
                            new { param_name = "order_number", example = "A-1001" },
                            new { param_name = "ship_day", example = "Monday" },
                        },
                    },
                },
                new { type = "FOOTER", text = "Reply STOP to opt out" },
            },
        }, ct))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        await tenant.WaitForStatusAsync(template, "en_US", "APPROVED", ct);

        // The customer is a contact with attributes named like the template's placeholders.
        var customer = Sandboxes.NewCustomer();
        using (var contact = await tenant.Client.PostAsJsonAsync("/api/v1/portal/contacts", new
        {
            phone = "+" + customer,
            name = "Ada Lovelace",
            attributes = new Dictionary<string, string> { ["order_number"] = $"A-{customer[^4..]}" },
        }, ct))
        {
            Assert.Equal(HttpStatusCode.Created, contact.StatusCode);
        }
        // They last wrote two days ago, so only a template reaches them now.
        var question = $"Any news on my order? ({customer})";
        using (var sent = await fixture.Client(ServiceNames.MetaSandbox).PostAsJsonAsync($"/sandbox/customers/{customer}/messages", new
        {
            type = "text",
            text = question,
            phoneNumberId = tenant.PhoneNumberId,
            timestamp = DateTimeOffset.UtcNow.AddDays(-2).ToUnixTimeSeconds(),
        }, ct))
        {
            sent.EnsureSuccessStatusCode();
        }

        var organization = (await fixture.Client(ServiceNames.GenesysSandbox).GetFromJsonAsync<JsonArray>("/sandbox/organizations", ct))!
            .Single(o => o!["clientIds"]!.AsArray().Any(c => c!.GetValue<string>() == $"tpl-client-{tenant.TenantId["tpl-".Length..]}"))!["id"]!.GetValue<string>();
        var supervisorName = $"Tess Template {Guid.NewGuid().ToString()[..6]}";
        await _workspace.PutUserAsync(organization, supervisorName, ["Supervisor"], ct: ct);
        var page = await browser.NewPageAsync(_workspace.PortalUrl);
        await AgentWorkspace.SignInInBrowserAsync(page, tenant.TenantId, supervisorName);
        await Expect(page.Locator(".workspace[data-live=true]")).ToBeVisibleAsync();
        // Not in "Open" (the window closed), but under "All".
        await page.GetByRole(AriaRole.Tab, new() { Name = "All" }).ClickAsync();
        await AgentWorkspace.OpenConversationAsync(page, question);

        var composer = page.Locator("[data-test=template-composer]");
        await Expect(composer.Locator("[data-test=composer-closed]")).ToContainTextAsync("24-hour window is closed");
        await Expect(page.GetByLabel("Reply")).ToHaveCountAsync(0);
        await composer.GetByLabel("Template").SelectOptionAsync(new SelectOptionValue { Label = $"{template} · en_US · utility" });
        // From the contact: the first name from their name, the order number from the attribute; the day is the agent's.
        await Expect(composer.GetByLabel("First name")).ToHaveValueAsync("Ada");
        await Expect(composer.GetByLabel("Order number")).ToHaveValueAsync($"A-{customer[^4..]}");
        await Expect(composer.GetByLabel("Ship day")).ToHaveValueAsync("");
        var send = composer.GetByRole(AriaRole.Button, new() { Name = "Send template" });
        await Expect(send).ToBeDisabledAsync();
        await composer.GetByLabel("Ship day").FillAsync("Friday");
        var expected = $"Hi Ada, your order A-{customer[^4..]} ships on Friday.";
        await Expect(composer.Locator("[data-test=template-preview]")).ToContainTextAsync(expected);
        await ConsoleBrowser.ScreenshotAsync(page, "agent-workspace-template");
        await send.ClickAsync();
        await Expect(composer.GetByRole(AriaRole.Status)).ToContainTextAsync("Template sent");

        // In the conversation under the supervisor's name, with WhatsApp's ticks.
        var message = page.Locator("[data-test=message]", new() { HasText = expected });
        await Expect(message).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(message).ToContainTextAsync(supervisorName);
        await Expect(message.Locator(".ticks-read")).ToBeVisibleAsync(new() { Timeout = 30_000 });

        // The customer got the template once, with the values by name.
        var received = Assert.Single(await _desk.WaitForCustomerMessagesAsync(customer, 1));
        var body = received["body"]!["template"]!.AsObject();
        Assert.Equal(template, body["name"]!.GetValue<string>());
        var parameters = body["components"]!.AsArray().Single(c => c!["type"]!.GetValue<string>() == "body")!["parameters"]!.AsArray();
        Assert.Equal(["first_name:Ada", $"order_number:A-{customer[^4..]}", "ship_day:Friday"],
            parameters.Select(p => $"{p!["parameter_name"]}:{p["text"]}"));

        // The same send again (a retry with the page's id) is not a second message; an empty field is refused by name.
        var token = (await page.Context.CookiesAsync()).Single(c => c.Name == "wag-agent").Value;
        var conversationId = Guid.Parse(new Uri(page.Url).Segments[^1]);
        var values = new[] { new AgentTemplateValue("body", "first_name", "Ada"), new AgentTemplateValue("body", "order_number", "A-1"), new AgentTemplateValue("body", "ship_day", "Monday") };
        var retry = new AgentTemplateSendRequest(template, "en_US", values, Guid.NewGuid().ToString("N"));
        Assert.Equal(HttpStatusCode.Accepted, (await SendAsync(token, conversationId, retry, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await SendAsync(token, conversationId, retry, ct)).StatusCode);
        using var empty = await SendAsync(token, conversationId, retry with { Values = values[..2], ClientMessageId = Guid.NewGuid().ToString("N") }, ct);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("ship_day", await empty.Content.ReadAsStringAsync(ct));
        await _desk.WaitForCustomerMessagesAsync(customer, 2);
        await AgentDesk.SettleAsync();
        Assert.Equal(2, (await _desk.CustomerReceivedAsync(customer)).Count);
    }

    private async Task<HttpResponseMessage> SendAsync(string token, Guid conversationId, AgentTemplateSendRequest send, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/agent/conversations/{conversationId}/templates")
        {
            Content = JsonContent.Create(send),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return await _workspace.PortalService.SendAsync(request, ct);
    }
}
