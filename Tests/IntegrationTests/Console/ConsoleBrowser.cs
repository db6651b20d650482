using Microsoft.Playwright;

namespace WhatsAppGenesys.IntegrationTests.Console;

/// <summary>
/// Debian's chromium driven by Playwright, headless, one browser per test class and a fresh context (cookies,
/// storage) per user. Playwright's own browser download cannot work on these machines, hence ExecutablePath.
/// </summary>
public sealed class ConsoleBrowser : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where the tests write a screenshot of each page they visit (under bin/, never committed).</summary>
    public static string ScreenshotDirectory { get; } =
        Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    public async ValueTask InitializeAsync()
    {
        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: ./test.sh installs Debian's chromium package.");
        _playwright = await Playwright.CreateAsync();
        // Assertions wait up to 30 s, not Playwright's 5: the suite runs on two cores beside the whole system, and a
        // page that a loaded machine renders in six seconds is not a failure of the page. On a machine measured 1.65
        // times slower, a template's send through the whole pipeline once took more than 15 s under the suite's load.
        Assertions.SetDefaultExpectTimeout(30_000);
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Without the background-networking flags chromium keeps trying Google's hosts, which this network refuses.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--no-first-run", "--disable-sync", "--disable-quic"],
        });
    }

    /// <summary>A new browser profile on a laptop-sized screen, every navigation relative to <paramref name="baseUrl"/>.</summary>
    public async Task<IPage> NewPageAsync(Uri baseUrl)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = 1366, Height = 800 },
        });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, $"{name}.png"), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
    }
}
