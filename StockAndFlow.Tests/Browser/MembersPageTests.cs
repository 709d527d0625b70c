using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace StockAndFlow.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed partial class MembersPageTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string Test = "members";

    [Fact]
    public async Task FilteringByAFacetValueShowsOnlyItsRowsAndItsCount()
    {
        await using var context = await browser.NewAdminContextAsync();
        var page = await context.NewPageAsync();
        var problems = new PageProblems(page);
        await page.GotoAsync("/stockflow-admin/stocks/hot-leads/members");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Members of Hot leads" })).ToBeVisibleAsync();
        var total = await TotalAsync(page);
        Assert.True(total > 1, $"Hot leads has {total} members; the demo should have more.");
        await Expect(page.GetByText($"{Numbers.Format(total)} members").First).ToBeVisibleAsync();

        var menu = page.Locator("[data-facet-menu='source']");
        await menu.ClickAsync();
        var items = page.Locator(".dropdown-menu.show a.dropdown-item").Filter(new() { HasNotText = "Any Source" });
        await Expect(items.First).ToBeVisibleAsync();
        var choices = new List<(ILocator Item, string Value, long Count)>();
        foreach (var item in await items.AllAsync())
        {
            var spans = item.Locator("span");
            choices.Add((item, (await spans.Nth(0).TextContentAsync() ?? "").Trim(), Numbers.Parse(await spans.Nth(1).TextContentAsync())));
        }

        Assert.True(choices.Count > 1, "The source menu offers one value only.");
        Assert.Equal(total, choices.Sum(c => c.Count));
        var (choice, value, count) = choices.Where(c => c.Count < total).MinBy(c => c.Count);
        await Screenshots.SaveAsync(page, Test, "1-source-menu", output);

        await choice.ClickAsync();
        await page.ArriveAtAsync(FilteredUrl());

        await Expect(menu).ToHaveTextAsync($"Source: {value}", new() { IgnoreCase = true });
        await Expect(page.Locator("[data-stockandflow-admin='active-filters']")).ToContainTextAsync(value);
        Assert.Equal(count, await TotalAsync(page));
        await Expect(page.GetByText($"{Numbers.Format(count)} {(count == 1 ? "member" : "members")}").First).ToBeVisibleAsync();
        var sources = await ColumnAsync(page, "Source");
        Assert.Equal((int)Math.Min(count, await RowsPerPageAsync(page)), sources.Count);
        Assert.All(sources, s => Assert.Equal(value, s));
        await Screenshots.SaveAsync(page, Test, "2-filtered", output);

        await page.Locator("[data-stockandflow-admin='active-filters'] a[title='Remove this filter']").ClickAsync();
        await page.ArriveAtAsync(UnfilteredUrl());
        Assert.Equal(total, await TotalAsync(page));
        Assert.Contains(await ColumnAsync(page, "Source"), s => s != value);
        problems.AssertNone();
    }

    /// <summary>How many members the page says match (the count behind the pager and "all N members").</summary>
    internal static async Task<long> TotalAsync(IPage page) =>
        Numbers.Parse(await page.Locator("[data-members-form]").GetAttributeAsync("data-total"));

    internal static async Task<List<string>> ColumnAsync(IPage page, string column)
    {
        var index = await page.Locator("table[data-stockandflow-admin='members'] thead th").EvaluateAllAsync<int>(
            "(ths, name) => ths.findIndex(th => th.querySelector(`a[data-sort=\"${name}\"]`))", column);
        Assert.True(index >= 0, $"The members table has no {column} column.");
        var cells = page.Locator($"table[data-stockandflow-admin='members'] tbody tr[data-key] td:nth-child({index + 1})");
        return [.. (await cells.AllTextContentsAsync()).Select(t => t.Trim())];
    }

    private static async Task<long> RowsPerPageAsync(IPage page) =>
        Numbers.Parse(await page.Locator("text=Rows per page:").Locator("strong").TextContentAsync());

    [GeneratedRegex("[?&]facet=source")]
    private static partial Regex FilteredUrl();

    [GeneratedRegex("/members(\\?(?!.*facet=).*)?$")]
    private static partial Regex UnfilteredUrl();
}
