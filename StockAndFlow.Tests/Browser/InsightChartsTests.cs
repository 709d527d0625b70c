using StockAndFlow.Storage;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace StockAndFlow.Tests.Browser;

/// <summary>
/// One chart insight of each kind (issue 6), drawn by Chart.js on its page: timeseries as a line,
/// scatter, bar, and horizontal bar (a bar chart on the y index axis).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class InsightChartsTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string Test = "insight";

    [Theory]
    [InlineData("orders-per-month", "timeseries")]
    [InlineData("orders-vs-revenue", "scatter")]
    [InlineData("customers-by-plan", "bar")]
    [InlineData("leads-by-source", "horizontal-bar")]
    public async Task EachChartInsightKindIsDrawn(string slug, string kind)
    {
        await using var context = await browser.NewAdminContextAsync();
        var page = await context.NewPageAsync();
        var problems = new PageProblems(page);

        var response = await page.GotoAsync($"/stockflow-admin/insights/{slug}");
        try
        {
            Assert.True(response is { Status: 200 },
                $"GET /stockflow-admin/insights/{slug} answered {response?.Status}: the {kind} insight's page (issue 6) should draw it.");

            // The page's one chart, whatever its data attributes: the layout itself draws no canvas.
            var canvas = page.Locator("main canvas").First;
            await Expect(canvas).ToBeVisibleAsync();
            await page.WaitForFunctionAsync(
                "c => { const chart = window.Chart && Chart.getChart(c); return !!chart && chart.data.datasets.some(d => d.data.length > 0); }",
                await canvas.ElementHandleAsync(), new() { Timeout = 20_000 });
            var (type, indexAxis, points) = await ShapeAsync(canvas);
            output.WriteLine($"{slug}: Chart.js type {type}, index axis {indexAxis}, {points} points.");
            var expected = kind switch
            {
                "timeseries" => ("line", "x"),
                "scatter" => ("scatter", "x"),
                "bar" => ("bar", "x"),
                _ => ("bar", "y"),
            };
            Assert.Equal(expected, (type, indexAxis));
            Assert.True(points > 0, $"The {kind} chart has no points.");
            await CanvasPixels.AssertDrawnAsync(canvas, $"The {kind} insight {slug}", minColored: 30);
            await canvas.ScrollIntoViewIfNeededAsync();
            problems.AssertNone();
        }
        finally
        {
            await Screenshots.SaveAsync(page, Test, slug, output);
        }
    }

    private static async Task<(string Type, string IndexAxis, int Points)> ShapeAsync(ILocator canvas)
    {
        var shape = await canvas.EvaluateAsync<Shape>("""
            c => {
                const chart = Chart.getChart(c);
                return {
                    type: chart.config.type,
                    indexAxis: chart.options.indexAxis || 'x',
                    points: chart.data.datasets.reduce((n, d) => n + d.data.filter(p => p !== null && p !== undefined).length, 0)
                };
            }
            """);
        return (shape.Type, shape.IndexAxis, shape.Points);
    }

    // Playwright fills results through a parameterless constructor and setters.
    private sealed class Shape
    {
        public string Type { get; set; } = "";

        public string IndexAxis { get; set; } = "";

        public int Points { get; set; }
    }
}
