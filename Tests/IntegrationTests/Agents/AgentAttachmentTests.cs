using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Playwright;
using WhatsAppGenesys.IntegrationTests.Console;
using WhatsAppGenesys.IntegrationTests.Inbound;
using WhatsAppGenesys.IntegrationTests.Outbound;
using static Microsoft.Playwright.Assertions;

namespace WhatsAppGenesys.IntegrationTests.Agents;

/// <summary>
/// A file from the composer: the customer gets it once, with the agent's text as its caption, from a link Meta can
/// fetch; the conversation shows its preview; files WhatsApp would refuse are refused before anything is sent.
/// </summary>
public sealed class AgentAttachmentTests(AppFixture fixture, ConsoleBrowser browser) : IClassFixture<ConsoleBrowser>
{
    // A 1×1 PNG.
    private static readonly byte[] Picture = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private readonly AgentWorkspace _workspace = new(fixture);
    private readonly AgentDesk _desk = new(fixture);

    [Fact]
    public async Task AnAgentSendsAPictureWithACaptionAndTheCustomerGetsItOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var demoOrganization = await _workspace.DemoOrganizationAsync(ct);
        var agentName = $"Ari Attach {Guid.NewGuid().ToString()[..6]}";
        await _workspace.PutUserAsync(demoOrganization, agentName, ["Communicate - Agent"], ct: ct);
        var page = await browser.NewPageAsync(_workspace.PortalUrl);
        await AgentWorkspace.SignInInBrowserAsync(page, "demo", agentName);
        await Expect(page.Locator(".workspace[data-live=true]")).ToBeVisibleAsync();
        var customer = Sandboxes.NewCustomer();
        var question = $"Can you show me the label? Order {customer}.";
        await _desk.CustomerOpensConversationAsync(customer, new { type = "text", text = question });
        await AgentWorkspace.OpenConversationAsync(page, question);

        await ChooseFileAsync(page, new FilePayload { Name = "label.png", MimeType = "image/png", Buffer = Picture });
        var composer = page.GetByLabel("Reply", new() { Exact = true });
        await composer.FillAsync("Here is your shipping label.");
        await ConsoleBrowser.ScreenshotAsync(page, "agent-workspace-attachment");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();

        // In the conversation with its preview and caption, under the agent's name; the box is empty again.
        var sent = page.Locator("[data-test=message]", new() { HasText = "Here is your shipping label." });
        await Expect(sent.Locator("img.media-preview")).ToBeVisibleAsync(new() { Timeout = 45_000 });
        await Expect(sent).ToContainTextAsync(agentName);
        await Expect(page.Locator("[data-test=attachment]")).ToHaveCountAsync(0);
        await Expect(composer).ToHaveValueAsync("");
        await Expect(sent.Locator(".ticks-read")).ToBeVisibleAsync(new() { Timeout = 30_000 });

        // WhatsApp got a picture with the caption and a link that serves the very bytes.
        var received = Assert.Single(await _desk.WaitForCustomerMessagesAsync(customer, 1));
        var image = received["body"]!["image"]!;
        Assert.Equal("Here is your shipping label.", image["caption"]!.GetValue<string>());
        using var download = new HttpClient();
        using var file = await download.GetAsync(image["link"]!.GetValue<string>(), ct);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal(Picture, await file.Content.ReadAsByteArrayAsync(ct));

        // Files WhatsApp refuses are refused here first, saying why; nothing more reaches the customer.
        var token = (await page.Context.CookiesAsync()).Single(c => c.Name == "wag-agent").Value;
        var conversationId = Guid.Parse(new Uri(page.Url).Segments[^1]);
        Assert.Equal((HttpStatusCode.BadRequest, "File type not accepted"),
            await UploadAsync(token, conversationId, "setup.exe", "application/x-msdownload", [0x4d, 0x5a], ct));
        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, "File too large"),
            await UploadAsync(token, conversationId, "huge.jpg", "image/jpeg", new byte[5 * 1024 * 1024 + 1], ct));
        await AgentDesk.SettleAsync();
        Assert.Single(await _desk.CustomerReceivedAsync(customer));
    }

    // Blazor's file input listens for the browser's change event only once its script has run after the composer's
    // first render, a round trip to the server later: a file chosen before that is not seen. A person cannot pick a file
    // that fast; a test can, so it chooses again until the composer shows the file.
    private static async Task ChooseFileAsync(IPage page, FilePayload file)
    {
        var chip = page.Locator("[data-test=attachment]", new() { HasText = file.Name });
        for (var attempt = 1; ; attempt++)
        {
            await page.Locator("#attachment").SetInputFilesAsync(file);
            try
            {
                await Expect(chip).ToBeVisibleAsync(new() { Timeout = 5_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 4)
            {
            }
        }
    }

    private async Task<(HttpStatusCode Status, string? Title)> UploadAsync(string token, Guid conversationId, string name, string mime, byte[] bytes,
        CancellationToken ct)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(mime);
        form.Add(file, "file", name);
        form.Add(new StringContent(Guid.NewGuid().ToString("N")), "clientMessageId");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/agent/conversations/{conversationId}/attachments") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _workspace.PortalService.SendAsync(request, ct);
        var problem = await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>(ct);
        return (response.StatusCode, problem?.Title);
    }
}
