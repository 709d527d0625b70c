using Microsoft.Playwright;
using StockAndFlow.Tests.Web;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace StockAndFlow.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class StockBridgeChartTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task TheBridgeChartDrawsEachFlowAndTheUnexplainedBar()
    {
        var scenario = new BridgeScenario(browser.App.Services);
        await scenario.RunAsync();
        try
        {
            await using var context = await browser.NewAdminContextAsync();
            var page = await context.NewPageAsync();
            var problems = new PageProblems(page);

            await page.GotoAsync("/stockflow-admin/stocks/hot-leads");

            var chart = page.Locator("canvas[data-bridge-url]");
            await Expect(chart).ToHaveAttributeAsync("data-chart-ready", "true");
            await CanvasPixels.AssertDrawnAsync(chart, "The hot leads bridge");
            var labels = await chart.EvaluateAsync<string[]>("c => Chart.getChart(c).data.labels");
            Assert.Equal("Opening", labels[0]);
            Assert.Equal("Closing", labels[^1]);
            Assert.Contains("Cooling", labels);
            Assert.Contains("Unexplained", labels);
            await Expect(page.Locator("[data-bridge-status]")).ToContainTextAsync("Unexplained: 3");
            await chart.ScrollIntoViewIfNeededAsync();
            await Screenshots.SaveAsync(page, "stock-bridge", "1-hot-leads", output);
            problems.AssertNone();
        }
        finally
        {
            await scenario.UndoAsync();
        }
    }
}
