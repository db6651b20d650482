using System.Net.Http.Json;
using Microsoft.Playwright;
using WhatsAppGenesys.IntegrationTests.Console;
using WhatsAppGenesys.IntegrationTests.Inbound;
using WhatsAppGenesys.IntegrationTests.Outbound;
using static Microsoft.Playwright.Assertions;

namespace WhatsAppGenesys.IntegrationTests.Agents;

/// <summary>
/// The agent's workspace in a real browser against the running system: a customer's messages appear live, without
/// a reload, pushed by the portal service's hub as the pipeline records them; an agent's reply shows its ticks
/// advancing to read; and a conversation of another tenant cannot be opened by its address.
/// </summary>
public sealed class AgentWorkspaceTests(AppFixture fixture, ConsoleBrowser browser) : IClassFixture<ConsoleBrowser>
{
    private readonly AgentWorkspace _workspace = new(fixture);
    private readonly AgentDesk _desk = new(fixture);

    [Fact]
    public async Task CustomerMessagesAppearLiveAndTheAgentsReplyShowsItsTicks()
    {
        var ct = TestContext.Current.CancellationToken;
        var demoOrganization = await _workspace.DemoOrganizationAsync(ct);
        var agentName = $"Lee Live {Guid.NewGuid().ToString()[..6]}";
        await _workspace.PutUserAsync(demoOrganization, agentName, ["Communicate - Agent"], ct: ct);

        var page = await browser.NewPageAsync(_workspace.PortalUrl);
        await AgentWorkspace.SignInInBrowserAsync(page, "demo", agentName);
        await Expect(page.Locator(".workspace[data-live=true]")).ToBeVisibleAsync();

        // The customer writes: the conversation appears in the open list without a reload.
        var customer = Sandboxes.NewCustomer();
        await _desk.Sandboxes.CustomerSendsAsync(customer, new { type = "text", text = $"Hello from {customer}" });
        await AgentWorkspace.OpenConversationAsync(page, customer);
        await Expect(page.Locator("[data-test=message]", new() { HasText = $"Hello from {customer}" })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-test=window]")).ToContainTextAsync("Free text possible");

        // A second message lands in the open conversation, pushed.
        await _desk.Sandboxes.CustomerSendsAsync(customer, new { type = "text", text = "Are you there?" });
        await Expect(page.Locator("[data-test=message]", new() { HasText = "Are you there?" })).ToBeVisibleAsync(new() { Timeout = 45_000 });

        // The agent answers in Genesys: the reply appears, and its ticks advance to read as Meta reports it.
        await _desk.Sandboxes.WaitForAgentMessagesAsync(customer, 2);
        var genesysConversation = (await _desk.Sandboxes.ConversationAsync(customer))!["id"]!.GetValue<string>();
        await _desk.AgentSendsAsync(genesysConversation, new { text = "Yes, how can I help?" });
        var reply = page.Locator("[data-test=message]", new() { HasText = "Yes, how can I help?" });
        await Expect(reply).ToBeVisibleAsync(new() { Timeout = 45_000 });
        await Expect(reply.Locator(".ticks-read")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await ConsoleBrowser.ScreenshotAsync(page, "agent-workspace-conversation");

        // Another business's agent who has the address of this conversation sees nothing of it.
        var conversationUrl = new Uri(page.Url).AbsolutePath;
        var (otherTenant, otherOrganization) = await _workspace.CreateTenantAsync(ct);
        await _workspace.PutUserAsync(otherOrganization, "Nosy Neighbour", ["admin"], ct: ct);
        var outsider = await browser.NewPageAsync(_workspace.PortalUrl);
        await AgentWorkspace.SignInInBrowserAsync(outsider, otherTenant.Id, "Nosy Neighbour");
        await Expect(outsider.Locator("[data-test=whoami]")).ToContainTextAsync(otherTenant.Id);
        await outsider.GotoAsync(conversationUrl);
        await Expect(outsider.Locator("[data-test=not-found]")).ToBeVisibleAsync();
        Assert.DoesNotContain(customer, await outsider.ContentAsync());
        await ConsoleBrowser.ScreenshotAsync(outsider, "agent-workspace-other-tenant");
    }

    [Fact]
    public async Task TheAgentRepliesFromThePortalThroughGenesysAndTheCustomerReceivesItOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var demoOrganization = await _workspace.DemoOrganizationAsync(ct);
        var agentName = $"Rae Reply {Guid.NewGuid().ToString()[..6]}";
        await _workspace.PutUserAsync(demoOrganization, agentName, ["Communicate - Agent"], ct: ct);
        var page = await browser.NewPageAsync(_workspace.PortalUrl);
        await AgentWorkspace.SignInInBrowserAsync(page, "demo", agentName);
        await Expect(page.Locator(".workspace[data-live=true]")).ToBeVisibleAsync();
        var customer = Sandboxes.NewCustomer();
        // The list shows the customer's WhatsApp profile name; the order number in the text tells this one apart.
        var question = $"Where is my parcel? Order {customer}.";
        var genesysConversation = await _desk.CustomerOpensConversationAsync(customer, new { type = "text", text = question });
        await AgentWorkspace.OpenConversationAsync(page, question);
        await Expect(page.Locator("[data-test=message]", new() { HasText = question })).ToBeVisibleAsync();

        // The agent types and presses Enter: the text goes through Genesys and the outbound pipeline to WhatsApp.
        var composer = page.GetByLabel("Reply");
        await composer.FillAsync("It leaves our warehouse today.");
        await composer.PressAsync("Enter");
        var reply = page.Locator("[data-test=message]", new() { HasText = "It leaves our warehouse today." });
        await Expect(reply).ToBeVisibleAsync(new() { Timeout = 45_000 });
        await Expect(composer).ToHaveValueAsync("");
        // Typing goes on at once after a send, and Shift+Enter breaks the line instead of sending.
        await composer.PressSequentiallyAsync("Thanks");
        await composer.PressAsync("Shift+Enter");
        await composer.PressSequentiallyAsync("Bye");
        await Expect(composer).ToHaveValueAsync("Thanks\nBye");
        await Expect(reply.Locator(".ticks-read")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await ConsoleBrowser.ScreenshotAsync(page, "agent-workspace-composer");

        var received = await _desk.WaitForCustomerMessagesAsync(customer, 1);
        Assert.Equal("It leaves our warehouse today.", Assert.Single(received)["body"]!["text"]!["body"]!.GetValue<string>());
        // Visible in Genesys: the text is in the customer's Genesys conversation.
        var atGenesys = await fixture.Client(WhatsAppGenesys.Contracts.ServiceNames.GenesysSandbox)
            .GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"/sandbox/conversations/{genesysConversation}", ct);
        Assert.Contains("It leaves our warehouse today.", atGenesys!.ToJsonString());

        // The same send repeated (a double click, a retry after a timeout) reaches the customer once.
        var token = (await page.Context.CookiesAsync()).Single(c => c.Name == "wag-agent").Value;
        var conversationId = Guid.Parse(new Uri(page.Url).Segments[^1]);
        var again = new WhatsAppGenesys.Contracts.Agents.AgentReplyRequest("Anything else?", Guid.NewGuid().ToString("N"));
        Assert.Equal(System.Net.HttpStatusCode.Accepted, (await _workspace.ReplyAsync(token, conversationId, again, ct)).Status);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, (await _workspace.ReplyAsync(token, conversationId, again, ct)).Status);
        await _desk.WaitForCustomerMessagesAsync(customer, 2);
        await AgentDesk.SettleAsync();
        Assert.Equal(2, (await _desk.CustomerReceivedAsync(customer)).Count);

        // Too long for Genesys: refused before anything is sent, with the reason.
        var tooLong = new WhatsAppGenesys.Contracts.Agents.AgentReplyRequest(new string('x', 2001), Guid.NewGuid().ToString("N"));
        Assert.Equal((System.Net.HttpStatusCode.BadRequest, "Message too long"), await _workspace.ReplyAsync(token, conversationId, tooLong, ct));

        // An agentless message names only the integration at Genesys, yet the replies are the agent's: under "Mine", and signed.
        await page.GotoAsync("/?filter=mine");
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Mine" })).ToHaveAttributeAsync("aria-selected", "true");
        await page.Locator($"a[href^='/conversations/{conversationId}']").ClickAsync();
        await Expect(page.Locator("[data-test=message]", new() { HasText = "It leaves our warehouse today." })).ToContainTextAsync(agentName);
    }

    [Fact]
    public async Task ASupervisorEndsAConversationInGenesysAndAnAgentCannot()
    {
        var ct = TestContext.Current.CancellationToken;
        var demoOrganization = await _workspace.DemoOrganizationAsync(ct);
        var suffix = Guid.NewGuid().ToString()[..6];
        var supervisorName = $"Sue Supervisor {suffix}";
        await _workspace.PutUserAsync(demoOrganization, supervisorName, ["Supervisor"], ct: ct);
        var agentName = $"Abe Agent {suffix}";
        var agent = await _workspace.SignInAsync("demo", await _workspace.PutUserAsync(demoOrganization, agentName, ["Communicate - Agent"], ct: ct), ct);

        var customer = Sandboxes.NewCustomer();
        var genesysConversation = await _desk.CustomerOpensConversationAsync(customer);
        var conversation = await _workspace.WaitForConversationAsync(agent.Token, "open", customer, ct);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, await _workspace.EndStatusAsync(agent.Token, conversation.ConversationId, ct));

        // The agent has the conversation open while the supervisor ends it.
        var agentPage = await browser.NewPageAsync(_workspace.PortalUrl);
        await AgentWorkspace.SignInInBrowserAsync(agentPage, "demo", agentName);
        await agentPage.GotoAsync($"/conversations/{conversation.ConversationId}");
        await Expect(agentPage.Locator("[data-test=message]").First).ToBeVisibleAsync();

        var page = await browser.NewPageAsync(_workspace.PortalUrl);
        await AgentWorkspace.SignInInBrowserAsync(page, "demo", supervisorName);
        await Expect(page.Locator("[data-test=whoami]")).ToContainTextAsync(supervisorName);
        await page.GotoAsync($"/conversations/{conversation.ConversationId}");
        await page.GetByRole(AriaRole.Button, new() { Name = "End conversation" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "End it" }).ClickAsync();
        await Expect(page.Locator("[data-test=ended]")).ToBeVisibleAsync();
        await ConsoleBrowser.ScreenshotAsync(page, "agent-workspace-ended");

        // The agent's page hears it at once (pushed to the workspace's agents), by whom; the supervisor's own page says it once.
        await Expect(agentPage.Locator("[data-test=conversation-ended]")).ToContainTextAsync($"{supervisorName} ended this conversation");
        await ConsoleBrowser.ScreenshotAsync(agentPage, "agent-workspace-ended-by-supervisor");
        await Expect(page.Locator("[data-test=conversation-ended]")).ToHaveCountAsync(0);
        // The customer writing again opens a new Genesys conversation, and the notice goes.
        await _desk.Sandboxes.CustomerSendsAsync(customer, new { type = "text", text = $"One more question, {suffix}" });
        await Expect(agentPage.Locator("[data-test=message]", new() { HasText = $"One more question, {suffix}" })).ToBeVisibleAsync(new() { Timeout = 45_000 });
        await Expect(agentPage.Locator("[data-test=conversation-ended]")).ToHaveCountAsync(0);

        var atGenesys = await fixture.Client(WhatsAppGenesys.Contracts.ServiceNames.GenesysSandbox)
            .GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"/sandbox/conversations/{genesysConversation}", ct);
        Assert.Equal("disconnected", atGenesys!["state"]!.GetValue<string>());
    }
}
