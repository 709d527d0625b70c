using Microsoft.Playwright;
using StockAndFlow.Tests.Web;

namespace StockAndFlow.Tests.Browser;

/// <summary>
/// One app on a real socket and one headless Debian Chromium driven by Playwright, shared by the
/// browser tests. Chromium is never downloaded (<c>playwright install</c> is not used): it is the
/// distribution's package, found at <c>STOCKANDFLOW_CHROMIUM</c> or <c>/usr/bin/chromium</c>; test.sh
/// installs it when it can. Without it every browser test fails with a message that says so.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string DefaultChromium = "/usr/bin/chromium";

    /// <summary>How long a click, a navigation or a wait for a page may take before the test fails.</summary>
    public const int ActionTimeout = 20_000;

    // Debian's Chromium as root in a container, with no network: no sandbox, no GPU, no background requests.
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private string? _adminState;

    public BrowserAppFactory App { get; } = new();

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable("STOCKANDFLOW_CHROMIUM") is { Length: > 0 } path ? path : DefaultChromium;

    public async Task InitializeAsync()
    {
        var chromium = ChromiumPath;
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException(
                $"The browser tests need Debian's Chromium at {chromium}, and it is not there. Install it with " +
                "`apt-get install -y chromium` (./test.sh does so when run as root) or point STOCKANDFLOW_CHROMIUM at a Chromium binary.");
        }

        BaseAddress = App.Start();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>A fresh browser profile (no cookies, empty localStorage) with a 1280×900 light-theme window, or the size and scheme given.</summary>
    public async Task<IBrowserContext> NewContextAsync(string? storageState = null, int width = 1280, int height = 900, ColorScheme scheme = ColorScheme.Light)
    {
        var browser = _browser ?? throw new InvalidOperationException("The browser fixture is not initialized.");
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            ColorScheme = scheme,
            Locale = "en-US",
            StorageState = storageState,
        });
        context.SetDefaultTimeout(ActionTimeout);
        return context;
    }

    /// <summary>A browser profile signed in as the admin (through the login form, once per run).</summary>
    public async Task<IBrowserContext> NewAdminContextAsync(int width = 1280, int height = 900, ColorScheme scheme = ColorScheme.Light)
    {
        if (_adminState is null)
        {
            await using var context = await NewContextAsync();
            var page = await context.NewPageAsync();
            await SignIn.ThroughTheFormAsync(page, AdminAppFactory.AdminEmail, AdminAppFactory.AdminPassword);
            _adminState = await context.StorageStateAsync();
        }

        return await NewContextAsync(_adminState, width, height, scheme);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}
