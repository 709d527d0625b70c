using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace StockAndFlow.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ThemeTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string Test = "theme";

    [Fact]
    public async Task TheDarkThemeIsAppliedAndRememberedAcrossPages()
    {
        await using var context = await browser.NewAdminContextAsync();
        var page = await context.NewPageAsync();
        var problems = new PageProblems(page);
        var html = page.Locator("html");
        var toggle = page.Locator("nav [data-theme-toggle]");

        await page.GotoAsync("/stockflow-admin");
        await Expect(html).ToHaveAttributeAsync("data-bs-theme", "light");
        Assert.True(await BackgroundLightnessAsync(page) > 0.8, "The light theme's page is not light.");

        await toggle.ClickAsync();

        await Expect(html).ToHaveAttributeAsync("data-bs-theme", "dark");
        await Expect(toggle).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(toggle).ToContainTextAsync("Light");
        Assert.Equal("dark", await page.EvaluateAsync<string?>("() => localStorage.getItem('stockandflow-admin-theme')"));
        Assert.True(await BackgroundLightnessAsync(page) < 0.25, "The page did not turn dark.");
        await Screenshots.SaveAsync(page, Test, "1-index-dark", output);

        await page.ReloadAsync();
        await Expect(html).ToHaveAttributeAsync("data-bs-theme", "dark");
        Assert.True(await BackgroundLightnessAsync(page) < 0.25, "The page is light again after a reload.");

        await page.GotoAsync("/stockflow-admin/stocks/hot-leads");
        await Expect(html).ToHaveAttributeAsync("data-bs-theme", "dark");
        var chart = page.Locator("canvas[data-chart='stock']");
        await Expect(chart).ToHaveAttributeAsync("data-chart-ready", "true");
        await CanvasPixels.AssertDrawnAsync(chart, "The hot leads chart in the dark theme");
        await Screenshots.SaveAsync(page, Test, "2-stock-dark", output);

        await toggle.ClickAsync();
        await Expect(html).ToHaveAttributeAsync("data-bs-theme", "light");
        await page.ReloadAsync();
        await Expect(html).ToHaveAttributeAsync("data-bs-theme", "light");
        Assert.True(await BackgroundLightnessAsync(page) > 0.8, "The light theme did not come back.");
        problems.AssertNone();
    }

    /// <summary>The relative lightness (0 black … 1 white) of the body's computed background.</summary>
    private static Task<double> BackgroundLightnessAsync(IPage page) => page.EvaluateAsync<double>("""
        () => {
            const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\d+(\.\d+)?/g).map(Number);
            return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
        }
        """);
}
