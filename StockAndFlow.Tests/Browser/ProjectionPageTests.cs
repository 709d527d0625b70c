using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace StockAndFlow.Tests.Browser;

/// <summary>The projection page draws its band and redraws when a what-if changes.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ProjectionPageTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task TheProjectionIsDrawnAndAWhatIfRedrawsIt()
    {
        await using var context = await browser.NewAdminContextAsync();
        var page = await context.NewPageAsync();
        var problems = new PageProblems(page);

        await page.GotoAsync("/stockflow-admin/stocks/hot-leads");
        await page.Locator("[data-stockandflow-admin='projection-link']").ClickAsync();
        await page.ArriveAtAsync(ProjectionUrl());

        var chart = page.Locator("canvas[data-projection-chart]");
        await Expect(chart).ToHaveAttributeAsync("data-drawn", "true");
        await CanvasPixels.AssertDrawnAsync(chart, "The hot leads projection");
        await Expect(page.Locator("[data-stockandflow-admin='projection-model']")).ToContainTextAsync("mean of the measured inflows minus outflows");
        var rows = page.Locator("[data-stockandflow-admin='projection-table'] tbody tr");
        await Expect(rows).ToHaveCountAsync(12);
        var before = await rows.Last.Locator("td").First.TextContentAsync();

        await page.RunAndWaitForResponseAsync(
            () => page.Locator("#stockandflow-admin-whatif-cooling").FillAsync("-50").ContinueWith(_ => page.Locator("#stockandflow-admin-whatif-cooling").DispatchEventAsync("change")).Unwrap(),
            r => r.Url.Contains("whatIf=cooling", StringComparison.Ordinal));
        await Expect(rows.Last.Locator("td").First).Not.ToHaveTextAsync(before ?? "");
        await Screenshots.SaveAsync(page, "projection", "hot-leads-cooling-50", output);
        problems.AssertNone();
    }

    [GeneratedRegex("/stockflow-admin/stocks/hot-leads/projection$")]
    private static partial Regex ProjectionUrl();
}
