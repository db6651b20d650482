using System.Security.Cryptography;
using Microsoft.Playwright;
using WhatsAppGenesys.Contracts;

namespace WhatsAppGenesys.IntegrationTests.Console;

/// <summary>
/// The admin dashboard as its operators use it: signing in, the first-admin set-up of a fresh install (done once per
/// run, by the first test that needs an admin, and its observations kept for the test about it), and operator accounts.
/// </summary>
public sealed class OperatorConsole(AppFixture fixture, ConsoleBrowser browser)
{
    private static readonly SemaphoreSlim SetUpLock = new(1, 1);
    private static FirstAdminSetUp? _setUp;

    // Chosen once per run, so that a set-up attempt that created the admin and then failed (a page too slow to follow,
    // say) leaves an account the next attempt can sign in with: one slow page fails one test, not every console test.
    private static readonly string FirstAdminEmail = "first.admin@console.test";
    private static readonly string FirstAdminPassword = NewPassword();

    public Uri BaseUrl => fixture.App.GetEndpoint(ServiceNames.AdminDashboard);

    /// <summary>The operator key the AppHost gave the console (read from its process environment).</summary>
    public string OperatorKey =>
        ProcessEnvironment.Read(fixture.App.GetProcessIds(ServiceNames.AdminDashboard)[0]).TryGetValue("Accounts__OperatorKey", out var key)
            ? key
            : throw new InvalidOperationException("The AppHost must pass Accounts__OperatorKey to the admin dashboard.");

    public Task<IPage> NewPageAsync() => browser.NewPageAsync(BaseUrl);

    /// <summary>The first admin, created through the set-up page on the first call.</summary>
    public async Task<FirstAdminSetUp> FirstAdminAsync()
    {
        await SetUpLock.WaitAsync();
        try
        {
            return _setUp ??= await SetUpFirstAdminAsync();
        }
        finally
        {
            SetUpLock.Release();
        }
    }

    /// <summary>A new page signed in as the first admin.</summary>
    public async Task<IPage> SignedInAdminAsync()
    {
        var admin = await FirstAdminAsync();
        return await SignInAsync(admin.Email, admin.Password);
    }

    public async Task<IPage> SignInAsync(string email, string password)
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/account/login");
        await SubmitSignInAsync(page, email, password);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tenants", Level = 1 })).ToBeVisibleAsync();
        return page;
    }

    public static async Task SubmitSignInAsync(IPage page, string email, string password)
    {
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>An operator account created by the admin on the Operators page; returns its e-mail and password.</summary>
    public async Task<(string Email, string Password)> AddOperatorAsync(string role)
    {
        var email = $"{role}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}@console.test";
        var password = NewPassword();
        var page = await SignedInAdminAsync();
        await page.GotoAsync("/operators");
        await page.GetByLabel("Name").FillAsync($"Test {role}");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Role").SelectOptionAsync(role);
        await page.GetByLabel("Initial password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add operator" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("can now sign in");
        await ConsoleBrowser.ScreenshotAsync(page, "operators");
        await page.Context.CloseAsync();
        return (email, password);
    }

    public static string NewPassword() => "pw-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));

    private async Task<FirstAdminSetUp> SetUpFirstAdminAsync()
    {
        var page = await NewPageAsync();
        // A fresh install has no accounts: the sign-in page sends the visitor to the set-up page.
        await page.GotoAsync("/account/login");
        var (email, password) = (FirstAdminEmail, FirstAdminPassword);
        var redirectedToSetUp = page.Url.EndsWith("/account/setup", StringComparison.Ordinal);
        if (!redirectedToSetUp)
        {
            // An earlier attempt of this run created the admin before it failed; only the set-up test fails on this.
            await page.Context.CloseAsync();
            await (await SignInAsync(email, password)).Context.CloseAsync();
            return new FirstAdminSetUp(email, password, RedirectedToSetUp: false, WrongKeyAlert: "");
        }
        await ConsoleBrowser.ScreenshotAsync(page, "setup");

        await FillSetUpAsync(page, "not-the-operator-key", email, password);
        var wrongKeyAlert = await page.GetByRole(AriaRole.Alert).InnerTextAsync();

        await FillSetUpAsync(page, OperatorKey, email, password);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tenants", Level = 1 })).ToBeVisibleAsync();
        await ConsoleBrowser.ScreenshotAsync(page, "tenants");
        await page.Context.CloseAsync();
        return new FirstAdminSetUp(email, password, redirectedToSetUp, wrongKeyAlert);
    }

    private static async Task FillSetUpAsync(IPage page, string operatorKey, string email, string password)
    {
        await page.GetByLabel("Operator key").FillAsync(operatorKey);
        await page.GetByLabel("Your name").FillAsync("First Admin");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByLabel("Repeat the password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create administrator" }).ClickAsync();
    }
}

/// <summary>What the first-admin set-up showed: where a fresh install sent the visitor, and the answer to a wrong key.</summary>
public sealed record FirstAdminSetUp(string Email, string Password, bool RedirectedToSetUp, string WrongKeyAlert);
