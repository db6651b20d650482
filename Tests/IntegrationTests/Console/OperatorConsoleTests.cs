using System.Net.Http.Json;
using Microsoft.Playwright;
using WhatsAppGenesys.Contracts.Tenancy;
using WhatsAppGenesys.IntegrationTests.Tenancy;
using static Microsoft.Playwright.Assertions;

namespace WhatsAppGenesys.IntegrationTests.Console;

/// <summary>Signing in to the operator console: the first admin, roles, lockout; a tenant's health. In a real browser.</summary>
public sealed class OperatorConsoleTests(AppFixture fixture, ConsoleBrowser browser) : IClassFixture<ConsoleBrowser>
{
    private readonly OperatorConsole _console = new(fixture, browser);

    [Fact]
    public async Task AFreshInstallCreatesItsFirstAdminWithTheOperatorKeyAndOnlyOnce()
    {
        var setUp = await _console.FirstAdminAsync();

        Assert.True(setUp.RedirectedToSetUp, "A console without accounts should send the visitor to the set-up page.");
        Assert.Contains("operator key is not right", setUp.WrongKeyAlert);

        // Once an admin exists, the set-up page is closed: it sends visitors to sign in, and a posted form is refused.
        var page = await _console.NewPageAsync();
        await page.GotoAsync("/account/setup");
        await page.WaitForURLAsync("**/account/login");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await ConsoleBrowser.ScreenshotAsync(page, "sign-in");
    }

    [Fact]
    public async Task AnAdminSignsInAndSeesTheTenantsWithTheirChannels()
    {
        var admin = await _console.FirstAdminAsync();
        var page = await _console.NewPageAsync();

        // An anonymous visitor of a console page is sent to sign in and brought back afterwards.
        await page.GotoAsync("/pipelines");
        await page.WaitForURLAsync("**/account/login?ReturnUrl=*");
        await OperatorConsole.SubmitSignInAsync(page, admin.Email, admin.Password);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Parked messages", Level = 1 })).ToBeVisibleAsync();
        await ConsoleBrowser.ScreenshotAsync(page, "parked-messages");

        // The suite's other tenants may fill the first pages: the demo tenant is found by its name.
        await page.GetByRole(AriaRole.Link, new() { Name = "Tenants", Exact = true }).ClickAsync();
        await page.GetByLabel("Search tenants").FillAsync("Sandbox demo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        var demo = page.Locator("tr[data-tenant='demo']");
        await Expect(demo).ToContainTextAsync("Active");
        await Expect(demo).ToContainTextAsync("WABA");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Onboard a tenant" }).First).ToBeVisibleAsync();

        // An admin's tenant page says which secrets are set (never their values).
        await page.GetByRole(AriaRole.Link, new() { Name = "Sandbox demo tenant" }).ClickAsync();
        await Expect(page.Locator("section.panel", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Genesys Cloud" }) })
            .Locator("dt:text-is('Client secret') + dd")).ToContainTextAsync("Set");
        await Expect(page.Locator("section.rcs-settings dt:text-is('Client secret') + dd")).ToContainTextAsync("Set");
        await ConsoleBrowser.ScreenshotAsync(page, "tenant-demo");
        await page.GoBackAsync();

        await page.GetByLabel("Search tenants").FillAsync("no-such-tenant-anywhere");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(page.GetByText("No tenant matches")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task TheTenantListIsShownAPageAtATime()
    {
        var ct = TestContext.Current.CancellationToken;
        var tag = "Pager " + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(3));
        using (var tenants = new TenancyHarness(fixture).TenantService())
        {
            for (var i = 1; i <= 27; i++)
            {
                var created = await tenants.PostAsJsonAsync("/api/tenants", new CreateTenantRequest(null, $"{tag} {i:D2}"), ct);
                Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
            }
        }
        var page = await _console.SignedInAdminAsync();

        await page.GetByLabel("Search tenants").FillAsync(tag);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(page.GetByText("Tenants 1–25 of 27")).ToBeVisibleAsync();
        await Expect(page.Locator("tr[data-tenant]")).ToHaveCountAsync(25);
        await Expect(page.Locator("tr[data-tenant]").First).ToContainTextAsync($"{tag} 01");
        await ConsoleBrowser.ScreenshotAsync(page, "tenants-paged");

        // The next page keeps the search, and each tenant appears on exactly one page.
        await page.GetByRole(AriaRole.Link, new() { Name = "Next" }).ClickAsync();
        await Expect(page.GetByText("Page 2 of 2")).ToBeVisibleAsync();
        await Expect(page.Locator("tr[data-tenant]")).ToHaveCountAsync(2);
        await Expect(page.Locator("tr[data-tenant]").First).ToContainTextAsync($"{tag} 26");
        await Expect(page.Locator("tr[data-tenant]").Last).ToContainTextAsync($"{tag} 27");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Next" })).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Link, new() { Name = "Previous" }).ClickAsync();
        await Expect(page.Locator("tr[data-tenant]")).ToHaveCountAsync(25);
    }

    [Fact]
    public async Task AnAdminSuspendsAndResumesATenantFromTheList()
    {
        var ct = TestContext.Current.CancellationToken;
        var name = "Suspend me " + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(3));
        using var tenants = new TenancyHarness(fixture).TenantService();
        var created = await tenants.PostAsJsonAsync("/api/tenants", new CreateTenantRequest(null, name), ct);
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<TenantResponse>(ct))!.Id;
        var page = await _console.SignedInAdminAsync();
        await page.GotoAsync($"/?q={Uri.EscapeDataString(name)}");
        var row = page.Locator($"tr[data-tenant='{id}']");

        // The buttons sit in the streamed table; they post the page's form, and the tenant service is told.
        await row.GetByRole(AriaRole.Button, new() { Name = $"Suspend {name}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"{name} is suspended");
        await Expect(row).ToContainTextAsync("Suspended");
        Assert.False((await tenants.GetFromJsonAsync<TenantResponse>($"/api/tenants/{id}", ct))!.IsActive);

        await row.GetByRole(AriaRole.Button, new() { Name = $"Resume {name}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"{name} is active again");
        await Expect(row).ToContainTextAsync("Active");
        Assert.True((await tenants.GetFromJsonAsync<TenantResponse>($"/api/tenants/{id}", ct))!.IsActive);
    }

    [Fact]
    public async Task ATenantWhoseGenesysCredentialsAreRefusedShowsItsTokenErrors()
    {
        var ct = TestContext.Current.CancellationToken;
        var tenancy = new TenancyHarness(fixture);
        var broken = await tenancy.CreateTenantAsync(ct, secretAtGenesys: "what-genesys-really-has");
        using (var auth = tenancy.AuthService())
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/auth/token");
            request.Headers.Add(TenancyHeaders.TenantId, broken.Id);
            Assert.Equal(System.Net.HttpStatusCode.BadGateway, (await auth.SendAsync(request, ct)).StatusCode);
        }
        var page = await _console.SignedInAdminAsync();

        await page.GetByLabel("Search tenants").FillAsync(broken.Id);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(page.Locator($"tr[data-tenant='{broken.Id}'] .token-errors")).ToHaveTextAsync("1 token error");

        await page.Locator($"tr[data-tenant='{broken.Id}'] a.tenant-link").ClickAsync();
        var genesys = page.Locator("tr[data-provider='genesys']");
        await Expect(genesys).ToContainTextAsync("rejected the OAuth client credentials");
        await Expect(page.Locator("tr[data-provider='whatsapp']")).ToContainTextAsync("none in 30 days");
        await ConsoleBrowser.ScreenshotAsync(page, "tenant-token-errors");
    }

    [Fact]
    public async Task RepeatedWrongPasswordsLockTheAccountEvenAgainstTheRightOne()
    {
        var (email, password) = await _console.AddOperatorAsync("support");
        var page = await _console.NewPageAsync();
        await page.GotoAsync("/account/login");

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await OperatorConsole.SubmitSignInAsync(page, email, "wrong-password-" + attempt);
            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("e-mail address or the password is wrong");
        }
        await OperatorConsole.SubmitSignInAsync(page, email, "wrong-password-5");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("locked after too many failed sign-ins");
        await ConsoleBrowser.ScreenshotAsync(page, "sign-in-locked");

        // The right password does not open a locked account.
        await OperatorConsole.SubmitSignInAsync(page, email, password);
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("locked");
        Assert.EndsWith("/account/login", new Uri(page.Url).AbsolutePath);
    }

    [Fact]
    public async Task SupportOperatorsNeitherSeeNorReachCredentialsOrAccounts()
    {
        var (email, password) = await _console.AddOperatorAsync("support");
        var page = await _console.SignInAsync(email, password);

        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Onboard a tenant" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Operators" })).ToHaveCountAsync(0);

        foreach (var adminPage in new[] { "/tenants/new", "/operators" })
        {
            await page.GotoAsync(adminPage);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You cannot open this page" })).ToBeVisibleAsync();
        }
        await ConsoleBrowser.ScreenshotAsync(page, "access-denied");

        // The tenant list shows configuration, never a secret: none of the demo tenant's secrets is in the page.
        await page.GotoAsync("/?q=Sandbox demo tenant");
        var html = await page.ContentAsync();
        Assert.Contains("data-tenant=\"demo\"", html);
        foreach (var secret in DemoTenantSecrets())
        {
            Assert.DoesNotContain(secret, html);
        }

        // A tenant's page shows its configuration, but not even whether its secrets are set.
        await page.GotoAsync("/tenants/demo");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sandbox demo tenant" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Business account")).ToBeVisibleAsync();
        await Expect(page.GetByText("Client secret")).ToHaveCountAsync(0);
        await Expect(page.GetByText("Access token")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task SignOutEndsTheSession()
    {
        var page = await _console.SignedInAdminAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync("**/account/login");
        await page.GotoAsync("/operators");
        await page.WaitForURLAsync("**/account/login?ReturnUrl=*");
    }

    // The demo tenant's secrets, as the AppHost seeded them into the tenant service.
    private IEnumerable<string> DemoTenantSecrets()
    {
        var env = ProcessEnvironment.Read(fixture.App.GetProcessIds(Contracts.ServiceNames.TenantService)[0]);
        string[] names = ["WhatsApp__AccessToken", "WhatsApp__AppSecret", "Genesys__ClientSecret", "Genesys__WebhookSecret"];
        return names.Select(name => env[$"TenantService__DemoTenant__{name}"]);
    }
}
