using System.Net;
using Microsoft.Playwright;
using WhatsAppGenesys.IntegrationTests.Console;
using static Microsoft.Playwright.Assertions;

namespace WhatsAppGenesys.IntegrationTests.Agents;

/// <summary>
/// An agent signs in to the agent portal in a real browser, through the Genesys simulator's login page: the
/// authorization-code grant with PKCE, provisioning at first sign-in with the Genesys role, the session cookie, and
/// sign-out revoking the session.
/// </summary>
public sealed class AgentSignInTests(AppFixture fixture, ConsoleBrowser browser) : IClassFixture<ConsoleBrowser>
{
    private readonly AgentWorkspace _workspace = new(fixture);

    [Fact]
    public async Task AnAgentSignsInWithGenesysIsProvisionedWithTheirRoleAndSignsOut()
    {
        var ct = TestContext.Current.CancellationToken;
        var (tenant, organization) = await _workspace.CreateTenantAsync(ct);
        await _workspace.PutUserAsync(organization, "Sam Supervisor", ["Supervisor", "Communicate - Agent"], ct: ct);

        // A visitor without a session is sent to sign in, then to the Genesys login of the tenant's region.
        var page = await browser.NewPageAsync(_workspace.PortalUrl);
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await ConsoleBrowser.ScreenshotAsync(page, "agent-signin");
        await page.GetByLabel("Workspace").FillAsync(tenant.Id);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue with Genesys Cloud" }).ClickAsync();

        await Expect(page).ToHaveTitleAsync("Genesys Cloud sign in (sandbox)");
        await ConsoleBrowser.ScreenshotAsync(page, "agent-signin-genesys");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sam Supervisor" }).ClickAsync();

        // Back in the portal, signed in, with the role Genesys gave them.
        await Expect(page.Locator("[data-test=whoami]")).ToContainTextAsync("Sam Supervisor");
        await Expect(page.Locator("[data-test=whoami]")).ToContainTextAsync(tenant.Id);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Conversations" })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-test=role]")).ToHaveTextAsync("Supervisor");
        await ConsoleBrowser.ScreenshotAsync(page, "agent-workspace");

        // The session is an httpOnly, Secure, SameSite=Lax cookie: no script in the page can read it.
        var cookie = (await page.Context.CookiesAsync()).Single(c => c.Name == "wag-agent");
        Assert.True(cookie.HttpOnly);
        Assert.True(cookie.Secure);
        Assert.Equal(SameSiteAttribute.Lax, cookie.SameSite);
        Assert.DoesNotContain("wag-agent", await page.EvaluateAsync<string>("document.cookie"));
        var (status, agent) = await _workspace.MeAsync(cookie.Value, ct);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("Sam Supervisor", "Supervisor", tenant.Id), (agent!.Name, agent.Role, agent.TenantId));

        // Signing out revokes the token itself, not just the cookie. (Once the workspace has loaded: a page still
        // loading when its token is revoked lands on "Your session has ended" instead.)
        await Expect(page.Locator("[data-test=no-conversations]")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("You are signed out.");
        Assert.Equal(HttpStatusCode.Unauthorized, (await _workspace.MeAsync(cookie.Value, ct)).Status);
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AnOpenWorkspaceLeavesAsSoonAsGenesysDisablesTheAgent()
    {
        var ct = TestContext.Current.CancellationToken;
        var (tenant, organization) = await _workspace.CreateTenantAsync(ct);
        var user = await _workspace.PutUserAsync(organization, "Dan Disabled", ["Communicate - Agent"], ct: ct);
        var page = await browser.NewPageAsync(_workspace.PortalUrl);
        await AgentWorkspace.SignInInBrowserAsync(page, tenant.Id, "Dan Disabled");
        await Expect(page.Locator("[data-test=no-conversations]")).ToBeVisibleAsync();

        // Their Genesys administrator disables them; the next role sync ends their session and the open page leaves
        // by itself, without the agent doing anything.
        await _workspace.PutUserAsync(organization, "Dan Disabled", ["Communicate - Agent"], state: "inactive", userId: user, ct: ct);
        await _workspace.RunRoleSyncAsync(ct);
        await Expect(page.Locator("[data-test=signin-error]")).ToContainTextAsync("no longer have access");
        await ConsoleBrowser.ScreenshotAsync(page, "agent-access-removed");
    }

    [Fact]
    public async Task AUserOfAnotherGenesysOrganizationIsToldSoAndGetsNoSession()
    {
        var ct = TestContext.Current.CancellationToken;
        var (tenant, _) = await _workspace.CreateTenantAsync(ct);
        var (_, otherOrganization) = await _workspace.CreateTenantAsync(ct);
        await _workspace.PutUserAsync(otherOrganization, "Olga Outsider", ["Communicate - Agent"], ct: ct);

        var page = await browser.NewPageAsync(_workspace.PortalUrl);
        await page.GotoAsync("/signin");
        await page.GetByLabel("Workspace").FillAsync(tenant.Id);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue with Genesys Cloud" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Olga Outsider" }).ClickAsync();

        await Expect(page.Locator("[data-test=signin-error]")).ToContainTextAsync("another organization");
        await ConsoleBrowser.ScreenshotAsync(page, "agent-signin-other-organization");
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "wag-agent");
    }

    [Fact]
    public async Task AnUnknownWorkspaceIsNamedAsTheProblem()
    {
        var page = await browser.NewPageAsync(_workspace.PortalUrl);
        await page.GotoAsync("/signin");
        await page.GetByLabel("Workspace").FillAsync("no-such-workspace");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue with Genesys Cloud" }).ClickAsync();
        await Expect(page.Locator("[data-test=signin-error]")).ToContainTextAsync("There is no workspace with that name");
    }
}
