using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using StockAndFlow.Tests.Web;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace StockAndFlow.Tests.Browser;

/// <summary>
/// A bulk action run from the admin appears on its stock's chart: a marker configured in Chart.js's
/// annotation plugin at the bucket of its moves, whose label (who, what, how many rows) shows on hover,
/// listed beside the chart for screen readers, and recoloured with the theme; the flow its rows went
/// along marks it as well.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class AnnotationTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string Test = "annotations";
    private const int Rows = 3;

    [Fact]
    public async Task ABulkActionIsMarkedOnItsStocksChartWithWhoWhatAndHowManyRowsOnHover()
    {
        await using var context = await browser.NewAdminContextAsync();
        var page = await context.NewPageAsync();
        var problems = new PageProblems(page);

        // Run "Make cold (test)" on three hot leads.
        await page.GotoAsync("/stockflow-admin/stocks/hot-leads/members");
        var checks = page.Locator("input[data-row-check]");
        for (var i = 0; i < Rows; i++)
        {
            await checks.Nth(i).CheckAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Make cold (test)…" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Make cold (test): {Rows} leads" }).ClickAsync();
        await page.ArriveAtAsync(ExecutionUrl());
        await Expect(page.Locator("[data-execution] [data-stockandflow-admin='status']")).ToHaveTextAsync("Succeeded", new() { Timeout = 60_000 });
        var id = ExecutionUrl().Match(page.Url).Groups[1].Value;
        var expected = $"Action 'Make cold (test)' by {AdminAppFactory.AdminEmail}, {Rows} rows";

        // Beside the chart, for screen readers: the execution with who, what and how many rows.
        await page.GotoAsync("/stockflow-admin/stocks/hot-leads?range=7d&period=day");
        var chart = page.Locator("canvas[data-chart='stock']");
        await Expect(chart).ToHaveAttributeAsync("data-annotations-ready", new Regex("^[1-9]"));
        var item = page.Locator($"[data-stockandflow-admin='chart-annotations'] li[data-id='action-{id}']");
        await Expect(item).ToContainTextAsync(expected);
        await Expect(page.Locator("[data-annotations]")).ToBeVisibleAsync();

        // On the canvas: the plugin is registered and the chart configured a marker whose label holds it.
        Assert.True(await page.EvaluateAsync<bool>("() => !!Chart.registry.plugins.get('annotation')"), "chartjs-plugin-annotation is not registered.");
        var marker = await MarkerAsync(page, expected);
        Assert.Equal("line", marker.GetProperty("type").GetString());
        Assert.False(marker.GetProperty("display").GetBoolean(), "The label shows before the pointer is on the marker.");

        // Hovering the line shows its label.
        var box = (await chart.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + marker.GetProperty("x").GetSingle(), box.Y + marker.GetProperty("y").GetSingle());
        await Expect(chart).ToHaveAttributeAsync("data-annotation-hover", new Regex(Regex.Escape(expected)));
        Assert.True((await MarkerAsync(page, expected)).GetProperty("display").GetBoolean(), "The label is hidden while the pointer is on the marker.");
        await CanvasPixels.AssertDrawnAsync(chart, "The hot leads chart with its markers");
        await Screenshots.SaveAsync(page, Test, "1-hover", output);
        await Screenshots.SaveForReadmeAsync(page, "annotations.png", output);

        // In the dark theme the markers take the dark theme's colours.
        var light = await MarkerAsync(page, expected);
        await page.Locator("nav [data-theme-toggle]").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-bs-theme", "dark");
        var dark = await MarkerAsync(page, expected);
        Assert.NotEqual(light.GetProperty("background").GetString(), dark.GetProperty("background").GetString());
        Assert.NotEqual(light.GetProperty("border").GetString(), dark.GetProperty("border").GetString());
        Assert.Equal(await page.EvaluateAsync<string>("() => getComputedStyle(document.body).getPropertyValue('--bs-body-bg').trim()"), dark.GetProperty("background").GetString());
        await Screenshots.SaveAsync(page, Test, "2-dark", output);
        await page.Locator("nav [data-theme-toggle]").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-bs-theme", "light");

        // The flow its rows went along marks it too.
        await page.GotoAsync("/stockflow-admin/flows/cooling?range=7d&period=day");
        await Expect(page.Locator("canvas[data-chart='flow']")).ToHaveAttributeAsync("data-annotations-ready", new Regex("^[1-9]"));
        await Expect(page.Locator($"[data-stockandflow-admin='chart-annotations'] li[data-id='action-{id}']")).ToContainTextAsync(expected);
        problems.AssertNone();
    }

    // The marker whose label holds `text`, read from the chart instance: its options, whether its label
    // is displayed, and where its line crosses the middle of the plot (canvas pixels).
    private static async Task<JsonElement> MarkerAsync(IPage page, string text)
    {
        var json = await page.EvaluateAsync<string>(
            """
            (text) => {
                const chart = document.querySelector("canvas[data-chart='stock']").stockAndFlowAdminChart;
                const markers = chart.config.options.plugins.annotation.annotations;
                const i = markers.findIndex(m => m.label.content.some(line => line.includes(text)));
                if (i < 0) return JSON.stringify(null);
                const m = markers[i];
                return JSON.stringify({
                    type: m.type,
                    display: !!m.label.display,
                    x: chart.scales.x.getPixelForValue(m.value),
                    y: (chart.chartArea.top + chart.chartArea.bottom) / 2,
                    background: m.label.backgroundColor,
                    border: m.borderColor,
                    lines: m.label.content
                });
            }
            """,
            text);
        var marker = JsonDocument.Parse(json).RootElement.Clone();
        Assert.True(marker.ValueKind == JsonValueKind.Object, $"No marker of the chart holds \"{text}\".");
        return marker;
    }

    [GeneratedRegex("/stockflow-admin/executions/(\\d+)$")]
    private static partial Regex ExecutionUrl();
}
