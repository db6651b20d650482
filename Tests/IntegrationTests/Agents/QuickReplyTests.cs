using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Playwright;
using WhatsAppGenesys.Contracts.Agents;
using WhatsAppGenesys.IntegrationTests.Console;
using WhatsAppGenesys.IntegrationTests.Inbound;
using WhatsAppGenesys.IntegrationTests.Outbound;
using static Microsoft.Playwright.Assertions;

namespace WhatsAppGenesys.IntegrationTests.Agents;

/// <summary>
/// Quick replies: a supervisor keeps them on their page, an agent finds one in the composer, edits it in the box and
/// sends it; agents cannot change them, and another workspace never sees them.
/// </summary>
public sealed class QuickReplyTests(AppFixture fixture, ConsoleBrowser browser) : IClassFixture<ConsoleBrowser>
{
    private readonly AgentWorkspace _workspace = new(fixture);
    private readonly AgentDesk _desk = new(fixture);

    [Fact]
    public async Task ASupervisorSavesAQuickReplyAndAnAgentSendsItFromTheComposer()
    {
        var ct = TestContext.Current.CancellationToken;
        var demoOrganization = await _workspace.DemoOrganizationAsync(ct);
        var suffix = Guid.NewGuid().ToString()[..6];
        var title = $"Delivery times {suffix}";
        var supervisorName = $"Quinn Quick {suffix}";
        await _workspace.PutUserAsync(demoOrganization, supervisorName, ["Supervisor"], ct: ct);

        // The supervisor saves one, fixes a typo in it, and sees it in the catalogue.
        var supervisor = await browser.NewPageAsync(_workspace.PortalUrl);
        await AgentWorkspace.SignInInBrowserAsync(supervisor, "demo", supervisorName);
        await supervisor.GetByRole(AriaRole.Link, new() { Name = "Quick replies" }).ClickAsync();
        await supervisor.GetByLabel("Title").FillAsync(title);
        await supervisor.GetByLabel("Text").FillAsync("Parcels leave our warehose within one working day.");
        await supervisor.GetByRole(AriaRole.Button, new() { Name = "Save quick reply" }).ClickAsync();
        await Expect(supervisor.GetByRole(AriaRole.Status)).ToContainTextAsync($"“{title}” is saved.");
        await supervisor.GetByRole(AriaRole.Button, new() { Name = $"Change {title}" }).ClickAsync();
        // The form holds the saved text once the change has begun; typing before that would land beside it.
        await Expect(supervisor.GetByLabel("Text")).ToHaveValueAsync("Parcels leave our warehose within one working day.");
        await supervisor.GetByLabel("Text").FillAsync("Parcels leave our warehouse within one working day.");
        await supervisor.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        var row = supervisor.Locator("[data-test=quick-reply]", new() { HasText = title });
        await Expect(row.Locator(".quick-reply-text-full")).ToHaveTextAsync("Parcels leave our warehouse within one working day.");
        await Expect(row).ToContainTextAsync(supervisorName);
        // A second one with the same title is refused, by name.
        await supervisor.GetByLabel("Title").FillAsync(title);
        await supervisor.GetByLabel("Text").FillAsync("Another text");
        await supervisor.GetByRole(AriaRole.Button, new() { Name = "Save quick reply" }).ClickAsync();
        await Expect(supervisor.GetByRole(AriaRole.Alert)).ToContainTextAsync($"already has a quick reply called “{title}”");
        await ConsoleBrowser.ScreenshotAsync(supervisor, "agent-quick-replies");

        // An agent answers a customer with it: found by a word, put in the box, completed, sent.
        var agentName = $"Quincy Agent {suffix}";
        await _workspace.PutUserAsync(demoOrganization, agentName, ["Communicate - Agent"], ct: ct);
        var page = await browser.NewPageAsync(_workspace.PortalUrl);
        await AgentWorkspace.SignInInBrowserAsync(page, "demo", agentName);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Quick replies" })).ToHaveCountAsync(0);
        var customer = Sandboxes.NewCustomer();
        var question = $"When does my parcel leave? Order {customer}.";
        await _desk.CustomerOpensConversationAsync(customer, new { type = "text", text = question });
        await AgentWorkspace.OpenConversationAsync(page, question);
        await page.GetByRole(AriaRole.Button, new() { Name = "Quick replies" }).ClickAsync();
        var picker = page.Locator("[data-test=quick-replies]");
        await picker.GetByLabel("Search quick replies").FillAsync(suffix);
        await picker.GetByRole(AriaRole.Button, new() { Name = title }).ClickAsync();
        var composer = page.GetByLabel("Reply");
        await Expect(composer).ToHaveValueAsync("Parcels leave our warehouse within one working day.");
        await Expect(picker).ToHaveCountAsync(0);
        await composer.PressSequentiallyAsync(" Yours leaves today.");
        await ConsoleBrowser.ScreenshotAsync(page, "agent-workspace-quick-reply");
        await composer.PressAsync("Enter");

        var sent = "Parcels leave our warehouse within one working day. Yours leaves today.";
        await Expect(page.Locator("[data-test=message]", new() { HasText = sent })).ToBeVisibleAsync(new() { Timeout = 45_000 });
        var received = await _desk.WaitForCustomerMessagesAsync(customer, 1);
        Assert.Equal(sent, Assert.Single(received)["body"]!["text"]!["body"]!.GetValue<string>());
    }

    [Fact]
    public async Task AgentsReadButCannotChangeQuickRepliesAndAnotherWorkspaceNeverSeesThem()
    {
        var ct = TestContext.Current.CancellationToken;
        // Names of their own: the Genesys simulator's login page lists the users of every organization.
        var suffix = Guid.NewGuid().ToString()[..6];
        var (tenant, organization) = await _workspace.CreateTenantAsync(ct);
        var supervisor = await _workspace.SignInAsync(tenant.Id,
            await _workspace.PutUserAsync(organization, $"Sid Keeper {suffix}", ["Supervisor"], ct: ct), ct);
        var agent = await _workspace.SignInAsync(tenant.Id,
            await _workspace.PutUserAsync(organization, $"Alex Reader {suffix}", ["Communicate - Agent"], ct: ct), ct);
        var (other, otherOrganization) = await _workspace.CreateTenantAsync(ct);
        var outsider = await _workspace.SignInAsync(other.Id,
            await _workspace.PutUserAsync(otherOrganization, $"Olive Outsider {suffix}", ["Supervisor"], ct: ct), ct);

        using var created = await SendAsync(supervisor.Token, HttpMethod.Post, "", new QuickReplyRequest("Opening hours", "We are open 9 to 5."), ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var saved = (await created.Content.ReadFromJsonAsync<QuickReplyView>(ct))!;
        Assert.Equal(("Opening hours", "We are open 9 to 5.", $"Sid Keeper {suffix}"), (saved.Title, saved.Text, saved.UpdatedBy));

        // Every agent of the workspace reads them; only supervisors and admins write them.
        Assert.Equal(["Opening hours"], (await ListAsync(agent.Token, ct)).Select(r => r.Title));
        using (var refused = await SendAsync(agent.Token, HttpMethod.Post, "", new QuickReplyRequest("Mine", "Agents cannot save this."), ct))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
        using (var refused = await SendAsync(agent.Token, HttpMethod.Delete, $"/{saved.Id}", null, ct))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        // Another workspace sees none of them and cannot touch them by id.
        Assert.Empty(await ListAsync(outsider.Token, ct));
        using (var foreign = await SendAsync(outsider.Token, HttpMethod.Put, $"/{saved.Id}", new QuickReplyRequest("Taken over", "No."), ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        }
        using (var foreign = await SendAsync(outsider.Token, HttpMethod.Delete, $"/{saved.Id}", null, ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        }

        // Fields are checked: a title and a text, the text no longer than one message.
        using (var invalid = await SendAsync(supervisor.Token, HttpMethod.Post, "", new QuickReplyRequest(" ", new string('x', AgentReplyRequest.MaxTextLength + 1)), ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
            var problem = (await invalid.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Http.HttpValidationProblemDetails>(ct))!;
            Assert.Equal(["text", "title"], problem.Errors.Keys.Order());
        }

        using (var deleted = await SendAsync(supervisor.Token, HttpMethod.Delete, $"/{saved.Id}", null, ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }
        Assert.Empty(await ListAsync(agent.Token, ct));
    }

    private async Task<List<QuickReplyView>> ListAsync(string token, CancellationToken ct)
    {
        using var response = await SendAsync(token, HttpMethod.Get, "", null, ct);
        return (await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<List<QuickReplyView>>(ct))!;
    }

    private async Task<HttpResponseMessage> SendAsync(string token, HttpMethod method, string path, QuickReplyRequest? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, "/api/v1/agent/quick-replies" + path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await _workspace.PortalService.SendAsync(request, ct);
    }
}
