using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace StockAndFlow.Tests.Browser;

/// <summary>Every range chart draws the period before as a second, fainter (dashed) series, with the change in words.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PreviousPeriodChartTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task TheFlowChartDrawsThePeriodBefore_AndItsHeadlineComparesTheTotals()
    {
        await using var context = await browser.NewAdminContextAsync();
        var page = await context.NewPageAsync();
        var problems = new PageProblems(page);

        await page.GotoAsync("/stockflow-admin/flows/signing-up");
        var chart = page.Locator("canvas[data-chart='flow']");
        await Expect(chart).ToHaveAttributeAsync("data-chart-ready", "true");
        Assert.Equal(2, await chart.EvaluateAsync<int>("c => Chart.getChart(c).data.datasets.length"));
        Assert.Equal("Previous period", await chart.EvaluateAsync<string>("c => Chart.getChart(c).data.datasets[1].label"));
        Assert.True(await chart.EvaluateAsync<bool>("c => Chart.getChart(c).data.datasets[1].borderDash.length > 0"));
        var current = long.Parse((await chart.GetAttributeAsync("data-current"))!, System.Globalization.CultureInfo.InvariantCulture);
        var previous = long.Parse((await chart.GetAttributeAsync("data-previous"))!, System.Globalization.CultureInfo.InvariantCulture);
        // The figures are the sums of the two series Chart.js holds.
        Assert.Equal(current, await chart.EvaluateAsync<long>("c => Chart.getChart(c).data.datasets[0].data.reduce((s, p) => s + (p.y || 0), 0)"));
        Assert.Equal(previous, await chart.EvaluateAsync<long>("c => Chart.getChart(c).data.datasets[1].data.reduce((s, p) => s + (p.y || 0), 0)"));
        await Expect(page.Locator("[data-stockandflow-admin='flow-versus']")).ToContainTextAsync($"Moves in this range: {current:N0}; {previous:N0} the period before");
        output.WriteLine($"signing-up: {current} moves in the last 30 days, {previous} in the 30 before.");

        // Each breakdown row compares with the days before; together they make the flow's figure before.
        var table = page.Locator("table[data-breakdown]").First;
        await Expect(table).ToHaveAttributeAsync("data-loaded", "true");
        var befores = await table.Locator("td[data-before]").EvaluateAllAsync<long[]>("cells => cells.map(c => Number(c.getAttribute('data-before')))");
        Assert.Equal(await table.Locator("tbody tr").CountAsync(), befores.Length);
        Assert.Equal(previous, befores.Sum());
        await table.ScrollIntoViewIfNeededAsync();
        await Screenshots.SaveAsync(page, "previous-period", "flow-breakdown", output);
        problems.AssertNone();
    }

    [Fact]
    public async Task EachFacetChartDrawsEveryValuesPeriodBefore()
    {
        await using var context = await browser.NewAdminContextAsync();
        var page = await context.NewPageAsync();
        var problems = new PageProblems(page);

        await page.GotoAsync("/stockflow-admin/stocks/hot-leads");
        var facets = page.Locator("canvas[data-chart='facet']");
        await Expect(facets.First).ToHaveAttributeAsync("data-chart-ready", "true");
        foreach (var facet in await facets.AllAsync())
        {
            await Expect(facet).ToHaveAttributeAsync("data-chart-ready", "true");
            var all = await facet.EvaluateAsync<int>("c => Chart.getChart(c).data.datasets.length");
            var before = await facet.EvaluateAsync<int>("c => Chart.getChart(c).data.datasets.filter(x => x.previousPeriod).length");
            Assert.True(before > 0, "The facet chart has no previous-period series.");
            Assert.Equal(all - before, before);
        }

        // The stock's figure compares its last recorded level in each range, as the two series hold them.
        var stock = page.Locator("canvas[data-chart='stock']");
        await Expect(stock).ToHaveAttributeAsync("data-chart-ready", "true");
        const string last = "(c, i) => { const d = Chart.getChart(c).data.datasets[i].data.filter(p => p.y !== null && p.y !== undefined); return d.length ? d[d.length - 1].y : 0; }";
        Assert.Equal(await stock.EvaluateAsync<long>($"c => ({last})(c, 0)"), long.Parse((await stock.GetAttributeAsync("data-current"))!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(await stock.EvaluateAsync<long>($"c => ({last})(c, 1)"), long.Parse((await stock.GetAttributeAsync("data-previous"))!, System.Globalization.CultureInfo.InvariantCulture));

        await facets.First.ScrollIntoViewIfNeededAsync();
        await Screenshots.SaveAsync(page, "previous-period", "facets", output);

        problems.AssertNone();
    }

    [Fact]
    public async Task TheStatisticsChartDrawsTheRangeBefore()
    {
        await using var context = await browser.NewAdminContextAsync();
        var page = await context.NewPageAsync();
        var problems = new PageProblems(page);

        await page.GotoAsync("/stockflow-admin/statistics/shop/orders?period=day&range=30d");
        var chart = page.Locator("canvas[data-stockandflow-admin-kind='statistic']");
        await Expect(chart).ToHaveAttributeAsync("data-stockandflow-admin-drawn", "true");
        Assert.Equal(2, await chart.EvaluateAsync<int>("c => Chart.getChart(c).data.datasets.length"));
        Assert.True(await chart.EvaluateAsync<bool>("c => Chart.getChart(c).data.datasets[1].previousPeriod === true && Chart.getChart(c).data.datasets[1].data.length > 0"));
        // The totals under the chart are the sums of the API's values over the two ranges.
        var url = await chart.GetAttributeAsync("data-stockandflow-admin-url");
        using var json = System.Text.Json.JsonDocument.Parse(await page.EvaluateAsync<string>("u => fetch(u, { headers: { Accept: 'application/json' } }).then(r => r.text())", url));
        var now = json.RootElement.GetProperty("values").EnumerateArray().Sum(v => v.GetProperty("value").GetDecimal());
        var before = json.RootElement.GetProperty("previous").EnumerateArray().Sum(v => v.GetProperty("value").GetDecimal());
        await Expect(page.Locator("[data-stockandflow-admin-versus]")).ToContainTextAsync($"Total in this range: {now:N0}; {before:N0} the period before");
        await Screenshots.SaveAsync(page, "previous-period", "statistic", output);
        problems.AssertNone();
    }

    [Theory]
    [InlineData("customers-by-plan")]
    [InlineData("orders-per-month")]
    public async Task ABarOrTimeSeriesInsightDrawsThePreviousCollection(string slug)
    {
        await Comparison.InsightRuns.CollectAtLeastTwiceAsync(browser.App.Services);
        await using var context = await browser.NewAdminContextAsync();
        var page = await context.NewPageAsync();
        var problems = new PageProblems(page);

        await page.GotoAsync($"/stockflow-admin/insights/{slug}");
        var chart = page.Locator("main canvas").First;
        await Expect(chart).ToHaveAttributeAsync("data-stockandflow-admin-drawn", "true");
        Assert.Equal(2, await chart.EvaluateAsync<int>("c => Chart.getChart(c).data.datasets.length"));
        Assert.Equal("Previous collection", await chart.EvaluateAsync<string>("c => Chart.getChart(c).data.datasets[1].label"));
        await Expect(page.Locator("[data-stockandflow-admin-versus]")).ToContainTextAsync("at the previous collection");
        await Screenshots.SaveAsync(page, "previous-period", slug, output);
        problems.AssertNone();
    }
}
