using Microsoft.Playwright;
using Xunit.Abstractions;

namespace StockAndFlow.Tests.Browser;

/// <summary>
/// Every admin page on a phone (390 px) and a desktop (1400 px), light and dark: nothing wider than the
/// window, no console error, no request that fails (a missing favicon included).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EveryPageFitsTests(BrowserFixture browser, ITestOutputHelper output)
{
    private static readonly string[] Pages =
    [
        "/stockflow-admin",
        "/stockflow-admin/stocks/hot-leads",
        "/stockflow-admin/stocks/hot-leads/members",
        "/stockflow-admin/stocks/cold-leads/actions/mark-contacted?all=1",
        "/stockflow-admin/flows/cooling",
        "/stockflow-admin/flows/cooling/movers",
        "/stockflow-admin/processes/pipeline",
        "/stockflow-admin/executions",
        "/stockflow-admin/jobs",
        "/stockflow-admin/statistics",
        "/stockflow-admin/statistics/shop/revenue?period=month",
        "/stockflow-admin/insights",
        "/stockflow-admin/insights/leads-by-source",
        "/stockflow-admin/insights/runs",
        "/stockflow-admin/types/Lead/movements",
        "/stockflow-admin/stocks/hot-leads/projection",
        "/stockflow-admin/alerts",
    ];

    [Theory]
    [InlineData(390, "light")]
    [InlineData(390, "dark")]
    [InlineData(1400, "light")]
    [InlineData(1400, "dark")]
    public async Task EveryPageFitsTheWindowWithoutErrorsOrFailedRequests(int width, string theme)
    {
        await using var context = await browser.NewAdminContextAsync(width, 900, theme == "dark" ? ColorScheme.Dark : ColorScheme.Light);
        var page = await context.NewPageAsync();
        var problems = new PageProblems(page);
        var failed = new List<string>();
        page.RequestFailed += (_, request) => failed.Add($"{request.Url}: {request.Failure}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                failed.Add($"{response.Url}: {response.Status}");
            }
        };

        foreach (var path in Pages)
        {
            await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
            Assert.Equal(theme, await page.Locator("html").GetAttributeAsync("data-bs-theme"));
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 0, $"{path} at {width} px is {overflow} px wider than the window.");
        }

        await page.GotoAsync("/stockflow-admin", new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        await Screenshots.SaveAsync(page, "fits", $"index-{width}-{theme}", output);
        Assert.Empty(failed);
        problems.AssertNone();
    }

    [Fact]
    public async Task OnAPhoneTheIndexShowsEachStocksCountAndChangeAndEachFlowsRouteWithoutScrollingSideways()
    {
        await using var context = await browser.NewAdminContextAsync(390, 844);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/stockflow-admin", new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });

        // Each table fits its card: nothing to scroll sideways to.
        var hidden = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('#stockandflow-admin-index .table-responsive')]
                .filter(box => box.scrollWidth > box.clientWidth + 1)
                .map(box => box.closest('.card').querySelector('.card-header').textContent.trim())
            """);
        Assert.Empty(hidden);
        var cells = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('[data-stock] [data-stockandflow-admin=count], [data-stock] [data-stockandflow-admin=change], [data-flow] [data-stockandflow-admin=events-today], [data-flow] .stockandflow-admin-route')]
                .filter(cell => cell.getBoundingClientRect().right > window.innerWidth)
                .map(cell => cell.textContent.trim())
            """);
        Assert.Empty(cells);
        await Screenshots.SaveAsync(page, "fits", "index-phone", output);
    }

    [Fact]
    public async Task OnAPhoneTheMembersTableScrollsInsideItsCardKeepingTheFirstColumnInView()
    {
        await using var context = await browser.NewAdminContextAsync(390, 844);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/stockflow-admin/stocks/hot-leads/members", new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        var box = page.Locator("table[data-stockandflow-admin='members']").Locator("xpath=..");

        await box.EvaluateAsync("b => b.scrollLeft = b.scrollWidth");

        var name = page.Locator("table[data-stockandflow-admin='members'] tbody tr[data-key] td:nth-child(2)").First;
        var boxLeft = (await box.BoundingBoxAsync())!.X;
        var nameLeft = (await name.BoundingBoxAsync())!.X;
        Assert.True(nameLeft - boxLeft < 60, $"The name column scrolled out of view ({nameLeft - boxLeft} px from the card's edge).");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The page itself scrolls sideways.");
        await Screenshots.SaveAsync(page, "fits", "members-phone", output);
    }
}
