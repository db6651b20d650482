using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace WhatsAppGenesys.IntegrationTests.Console;

/// <summary>
/// Every page of the console passes axe-core's WCAG 2.1 A/AA rules with nothing serious or critical: labelled controls,
/// contrast, landmarks, names for buttons and links. And the wizard can be walked with the keyboard alone.
/// </summary>
public sealed class ConsoleAccessibilityTests(AppFixture fixture, ConsoleBrowser browser) : IClassFixture<ConsoleBrowser>
{
    private readonly OperatorConsole _console = new(fixture, browser);

    [Fact]
    public async Task EveryPageHasNoSeriousAccessibilityViolations()
    {
        await _console.FirstAdminAsync();
        var anonymous = await _console.NewPageAsync();
        await anonymous.GotoAsync("/account/login");
        var violations = await ViolationsAsync(anonymous, "/account/login");

        var page = await _console.SignedInAdminAsync();
        foreach (var path in new[] { "/", "/tenants/demo", "/pipelines", "/alerts", "/operators", "/tenants/new" })
        {
            await page.GotoAsync(path);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            violations.AddRange(await ViolationsAsync(page, path));
        }

        Assert.True(violations.Count == 0, "Accessibility violations:\n" + string.Join("\n", violations));
    }

    [Fact]
    public async Task TheWizardsFirstStepIsFilledAndSubmittedWithTheKeyboardAlone()
    {
        var page = await _console.SignedInAdminAsync();
        await page.GotoAsync("/tenants/new");
        await Expect(page.Locator(".wizard[data-interactive=true]")).ToBeVisibleAsync();

        await page.GetByLabel("Business name").FocusAsync();
        await page.Keyboard.TypeAsync("Keyboard Only Bakery");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("keyboard-only");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("ops@keyboard-only.example");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "WhatsApp" })).ToBeVisibleAsync();
    }

    private static async Task<List<string>> ViolationsAsync(IPage page, string path)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        // axe really looked at the page: a page it could not inspect would pass no rule either.
        Assert.True(result.Passes.Length > 10, $"axe checked only {result.Passes.Length} rules on {path}.");
        return result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{path}: {v.Id} ({v.Impact}) {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")
            .ToList();
    }
}
