using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace StockAndFlow.Tests.Browser;

/// <summary>The live stock-and-flow diagrams, drawn by dagre as SVG in Chromium.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class DiagramTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string Test = "diagram";

    [Theory]
    [InlineData("customer-lifecycle", new[] { "signing-up", "converting", "churning", "reactivating" })]
    [InlineData("pipeline", new[] { "new-lead", "cooling", "re-engaging", "dropped" })]
    public async Task EachProcessIsDrawnWithEveryDeclaredFlowAndItsRate(string process, string[] flows)
    {
        await using var context = await browser.NewAdminContextAsync();
        var page = await context.NewPageAsync();
        var problems = new PageProblems(page);

        await page.GotoAsync($"/stockflow-admin/processes/{process}?range=90d");

        var diagram = page.Locator("#process-diagram");
        await Expect(diagram).ToHaveAttributeAsync("data-drawn", "true");
        foreach (var flow in flows)
        {
            var arrows = diagram.Locator($"a[data-flow='{flow}']");
            Assert.True(await arrows.CountAsync() > 0, $"The {process} diagram has no arrow for flow {flow}.");
            Assert.Matches(Rate(), await arrows.First.Locator("text").TextContentAsync() ?? "");
            Assert.True(long.TryParse(await arrows.First.GetAttributeAsync("data-count"), out _));
        }

        Assert.True(await diagram.Locator("a[data-flow] text").CountAsync() >= flows.Length);
        Assert.True(await diagram.Locator("ellipse.stockandflow-admin-diagram-cloud").CountAsync() > 0, "Flows from outside should start at a cloud.");
        Assert.True(await page.Locator("[data-stockandflow-admin='diagram-table'] tbody tr").CountAsync() >= flows.Length);
        await diagram.ScrollIntoViewIfNeededAsync();
        await Screenshots.SaveAsync(page, Test, process, output);
        if (process == "pipeline")
        {
            await Screenshots.SaveForReadmeAsync(page, "process-diagram.png", output);
        }

        // Open a stock from its box. The stock page writes its range into the address once loaded, so the
        // address may end in a query.
        var stock = diagram.Locator("a[data-stock]").First;
        var slug = await stock.GetAttributeAsync("data-stock");
        Assert.EndsWith($"/stockflow-admin/stocks/{slug}", await stock.GetAttributeAsync("href"), StringComparison.Ordinal);
        await stock.ClickAsync();
        await page.ArriveAtAsync(new Regex($"/stockflow-admin/stocks/{slug}(\\?.*)?$"));
        problems.AssertNone();
    }

    [GeneratedRegex(@"· [\d,.  ]+$")]
    private static partial Regex Rate();
}
