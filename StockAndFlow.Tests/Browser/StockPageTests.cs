using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace StockAndFlow.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class StockPageTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string Test = "stock-page";

    [Fact]
    public async Task TheStockChartIsDrawnFromItsRecordsAndFollowsTheRangePicker()
    {
        await using var context = await browser.NewAdminContextAsync();
        var page = await context.NewPageAsync();
        var problems = new PageProblems(page);

        await page.GotoAsync("/stockflow-admin/stocks/hot-leads");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Hot leads", Level = 1 })).ToBeVisibleAsync();
        var chart = page.Locator("canvas[data-chart='stock']");
        await Expect(chart).ToHaveAttributeAsync("data-chart-ready", "true");
        await Expect(page.Locator("[data-chart-status]").First).ToBeEmptyAsync();
        Assert.True(await PointsAsync(chart) > 0, "The stock chart has no recorded points.");
        Assert.Equal("Previous period", await chart.EvaluateAsync<string>("c => Chart.getChart(c).data.datasets[1].label"));
        Assert.NotNull(await chart.GetAttributeAsync("data-previous"));
        await CanvasPixels.AssertDrawnAsync(chart, "The hot leads chart");
        var facets = page.Locator("canvas[data-chart='facet']");
        Assert.Equal(2, await facets.CountAsync());
        foreach (var facet in await facets.AllAsync())
        {
            await Expect(facet).ToHaveAttributeAsync("data-chart-ready", "true");
            await CanvasPixels.AssertDrawnAsync(facet, $"The chart by {await facet.GetAttributeAsync("data-facet")}");
        }

        await Screenshots.SaveAsync(page, Test, "1-hot-leads", output);
        await Screenshots.SaveForReadmeAsync(page, "stock-page.png", output);
        await page.Locator("canvas[data-chart='facet']").First.ScrollIntoViewIfNeededAsync();
        await Screenshots.SaveAsync(page, Test, "2-breakdown", output);

        var monthly = await PointsAsync(chart);
        // One change at a time: each one refetches the series.
        await page.RunAndWaitForResponseAsync(() => page.Locator("#stockandflow-admin-range").SelectOptionAsync("1y"), r => r.Url.Contains("/records?", StringComparison.Ordinal) && r.Url.Contains("range=1y", StringComparison.Ordinal));
        await page.RunAndWaitForResponseAsync(() => page.Locator("#stockandflow-admin-period").SelectOptionAsync("month"), r => r.Url.Contains("/records?", StringComparison.Ordinal) && r.Url.Contains("period=month", StringComparison.Ordinal));
        Assert.Contains("range=1y", page.Url, StringComparison.Ordinal);
        Assert.Contains("period=month", page.Url, StringComparison.Ordinal);
        await page.WaitForFunctionAsync("c => { const chart = Chart.getChart(c); return !!chart && chart.options.scales.x.time.unit === 'month'; }", await chart.ElementHandleAsync());
        await Expect(page.Locator("[data-chart-status]").First).ToBeEmptyAsync();
        var points = await PointsAsync(chart);
        Assert.InRange(points, 2, 13);
        await CanvasPixels.AssertDrawnAsync(chart, "The hot leads chart by month over a year");
        output.WriteLine($"Points: {monthly} by default, {points} by month over a year.");
        await page.Locator("canvas[data-chart='stock']").ScrollIntoViewIfNeededAsync();
        await Screenshots.SaveAsync(page, Test, "3-by-month", output);
        problems.AssertNone();
    }

    /// <summary>The points with a value in the chart's first series, as Chart.js holds them.</summary>
    private static Task<int> PointsAsync(ILocator canvas) =>
        canvas.EvaluateAsync<int>("c => { const chart = window.Chart && Chart.getChart(c); return chart ? chart.data.datasets[0].data.filter(p => p.y !== null && p.y !== undefined).length : -1; }");
}
