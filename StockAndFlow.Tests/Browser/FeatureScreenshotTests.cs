using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using StockAndFlow.Alerts;
using StockAndFlow.Web.Data;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace StockAndFlow.Tests.Browser;

/// <summary>
/// The README's pictures of each movement and comparison feature, taken at desktop width in the light
/// theme from the demo's data: each test first checks the feature is on the page, then saves it under
/// docs/screenshots.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FeatureScreenshotTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task TheMovementsPage_TransitionMatrixAndDwellTimes()
    {
        var page = await OpenAsync("/stockflow-admin/types/Customer/movements?range=90d&period=week");
        var matrix = page.Locator("[data-stockandflow-admin='transition-matrix']");
        await Expect(matrix).ToBeVisibleAsync();
        await Expect(page.Locator("[data-stockandflow-admin='dwell-times'] tbody tr").First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-stockandflow-admin='moves-total'] [data-stockandflow-admin='versus-before']")).ToContainTextAsync("in the range before");
        // The diagram above is drawn after load: scroll once it has its height.
        await Expect(page.Locator("[data-drawn='true']").First).ToBeAttachedAsync();
        await ScrollToTopOfAsync(page, "Where rows moved");
        await Screenshots.SaveForReadmeAsync(page, "movements.png", output);
    }

    [Fact]
    public async Task TheMovementsPage_Cohorts()
    {
        var page = await OpenAsync("/stockflow-admin/types/Customer/movements?range=90d&period=week&cohort=trial-customers");
        await Expect(page.Locator("[data-stockandflow-admin='cohorts'] tbody tr").First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-drawn='true']").First).ToBeAttachedAsync();
        await page.EvaluateAsync("() => window.scrollTo(0, document.getElementById('cohorts').getBoundingClientRect().top + window.scrollY - 8)");
        await Screenshots.SaveForReadmeAsync(page, "cohorts.png", output);
    }

    [Fact]
    public async Task AProjectionWithAWhatIf()
    {
        var page = await OpenAsync("/stockflow-admin/stocks/hot-leads/projection");
        var chart = page.Locator("canvas[data-projection-chart]");
        await Expect(chart).ToHaveAttributeAsync("data-drawn", "true");
        var whatIf = page.Locator("#stockandflow-admin-whatif-cooling");
        await page.RunAndWaitForResponseAsync(
            async () =>
            {
                await whatIf.FillAsync("-50");
                await whatIf.DispatchEventAsync("change");
            },
            r => r.Url.Contains("whatIf=cooling", StringComparison.Ordinal));
        await Expect(chart).ToHaveAttributeAsync("data-drawn", "true");
        await CanvasPixels.AssertDrawnAsync(chart, "The hot leads projection with cooling halved");
        await Screenshots.SaveForReadmeAsync(page, "projection.png", output);
    }

    [Fact]
    public async Task TheAlertsPage()
    {
        // The alerts job runs once, so the page shows what holds and the history.
        await using (var scope = browser.App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AlertEvaluator>().EvaluateAsync(scope.ServiceProvider.GetRequiredService<ShopDbContext>());
        }

        var page = await OpenAsync("/stockflow-admin/alerts");
        await Expect(page.Locator("[data-alert]").First).ToBeVisibleAsync();
        await Screenshots.SaveForReadmeAsync(page, "alerts.png", output);
    }

    [Fact]
    public async Task AChartWithItsPreviousPeriod()
    {
        var page = await OpenAsync("/stockflow-admin/flows/signing-up?range=90d&period=week");
        var chart = page.Locator("canvas[data-chart='flow']");
        await Expect(chart).ToHaveAttributeAsync("data-chart-ready", "true");
        Assert.Equal(2, await chart.EvaluateAsync<int>("c => Chart.getChart(c).data.datasets.length"));
        await Expect(page.Locator("[data-stockandflow-admin='flow-versus']")).ToContainTextAsync("the period before");
        await CanvasPixels.AssertDrawnAsync(chart, "The signing-up chart with the period before");
        await Screenshots.SaveForReadmeAsync(page, "previous-period.png", output);
    }

    private async Task<IPage> OpenAsync(string url)
    {
        var context = await browser.NewAdminContextAsync();
        var page = await context.NewPageAsync();
        var problems = new PageProblems(page);
        await page.GotoAsync(url);
        await Expect(page.Locator("h1")).ToBeVisibleAsync();
        problems.AssertNone();
        return page;
    }

    private static Task ScrollToTopOfAsync(IPage page, string heading) =>
        page.GetByRole(AriaRole.Heading, new() { Name = heading }).EvaluateAsync("h => window.scrollTo(0, h.closest('.card').getBoundingClientRect().top + window.scrollY - 8)");
}
