using System.Text.RegularExpressions;
using Microsoft.Playwright;
using StockAndFlow.Tests.Web;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace StockAndFlow.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed partial class BulkActionTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string Test = "bulk-action";

    [Fact]
    public async Task SelectedRowsMoveThroughTheConfirmationPageAndTheirFlowEventsAppear()
    {
        await using var context = await browser.NewAdminContextAsync();
        var page = await context.NewPageAsync();
        var problems = new PageProblems(page);
        var hotBefore = await StockCountAsync(page, "hot-leads");
        var coldBefore = await StockCountAsync(page, "cold-leads");

        // Select two rows on the members page and choose the action.
        await page.GotoAsync("/stockflow-admin/stocks/hot-leads/members");
        var action = page.GetByRole(AriaRole.Button, new() { Name = "Make cold (test)…" });
        await Expect(action).ToBeDisabledAsync();
        var checks = page.Locator("input[data-row-check]");
        var keys = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            await checks.Nth(i).CheckAsync();
            keys.Add(await checks.Nth(i).GetAttributeAsync("value") ?? "");
        }

        await Expect(page.Locator("[data-selected-count]")).ToHaveTextAsync("2");
        await Expect(action).ToBeEnabledAsync();
        await Screenshots.SaveAsync(page, Test, "1-selected", output);
        await action.ClickAsync();

        // The confirmation says what will happen to how many rows.
        await page.ArriveAtAsync(ConfirmUrl());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Make cold (test)" })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-stockandflow-admin='selection']")).ToHaveTextAsync("the 2 selected rows of Hot leads");
        await Expect(page.Locator("[data-stockandflow-admin='row-count']")).ToHaveTextAsync("2");
        await Expect(page.Locator("[data-stockandflow-admin='moving']")).ToContainTextAsync("2 leads will move Hot leads → Cold leads");
        await Screenshots.SaveAsync(page, Test, "2-confirm", output);
        await page.GetByRole(AriaRole.Button, new() { Name = "Make cold (test): 2 leads" }).ClickAsync();

        // The execution page reports the outcome (polling until it is done when it runs as a job).
        await page.ArriveAtAsync(ExecutionUrl());
        await Expect(page.Locator("[data-execution] [data-stockandflow-admin='status']")).ToHaveTextAsync("Succeeded", new() { Timeout = 60_000 });
        await Expect(page.Locator("[data-stockandflow-admin='affected']")).ToHaveTextAsync("2");
        await Screenshots.SaveAsync(page, Test, "3-execution", output);

        // The stock's count moved by the two rows.
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to Hot leads" }).ClickAsync();
        await Expect(page.Locator("[data-stockandflow-admin='count']").First).ToHaveTextAsync(Numbers.Format(hotBefore - 2));
        await Screenshots.SaveAsync(page, Test, "4-stock-count", output);
        Assert.Equal(coldBefore + 2, await StockCountAsync(page, "cold-leads"));

        // The flow page lists an event per moved row, newest first, hot → cold, named and linked to the row.
        await page.GotoAsync("/stockflow-admin/flows/cooling");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Cooling", Level = 1 })).ToBeVisibleAsync();
        var newest = page.Locator("table[data-stockandflow-admin='events'] tbody tr").Filter(new() { Has = page.Locator("a[data-stockandflow-admin='subject']") });
        var subjects = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var row = newest.Nth(i);
            var href = await row.Locator("a[data-stockandflow-admin='subject']").GetAttributeAsync("href") ?? "";
            subjects.Add(href[(href.IndexOf("key=", StringComparison.Ordinal) + 4)..]);
            Assert.DoesNotMatch("^\\d+$", (await row.Locator("a[data-stockandflow-admin='subject']").TextContentAsync() ?? "").Trim());
            await Expect(row.Locator("td").Nth(2)).ToHaveTextAsync("Hot leads");
            await Expect(row.Locator("td").Nth(3)).ToHaveTextAsync("Cold leads");
        }

        Assert.Equal(keys.Order(), subjects.Order());
        await Screenshots.SaveAsync(page, Test, "5-flow-events", output);

        // Following an event's subject finds the row among the cold leads.
        await newest.First.Locator("a[data-stockandflow-admin='subject']").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Members of Cold leads" })).ToBeVisibleAsync();
        await Expect(page.Locator("table[data-stockandflow-admin='members'] tbody tr[data-key]")).ToHaveCountAsync(1);
        await Expect(page.Locator($"table[data-stockandflow-admin='members'] tbody tr[data-key='{subjects[0]}']")).ToBeVisibleAsync();

        // The run is in the audit log, newest first, under the admin's name.
        await page.GotoAsync("/stockflow-admin/executions");
        var latest = page.Locator("table[data-stockandflow-admin='log'] tbody tr").First;
        await Expect(latest).ToContainTextAsync(AdminAppFactory.AdminEmail);
        await Expect(latest).ToContainTextAsync("Make cold (test)");
        await Expect(latest).ToContainTextAsync("Succeeded");
        await Expect(latest.Locator("td").Nth(6)).ToHaveTextAsync("2");
        problems.AssertNone();
    }

    private static async Task<long> StockCountAsync(IPage page, string slug)
    {
        await page.GotoAsync($"/stockflow-admin/stocks/{slug}");
        return Numbers.Parse(await page.Locator("[data-stockandflow-admin='count']").First.TextContentAsync());
    }

    [GeneratedRegex("/stockflow-admin/stocks/hot-leads/actions/test-chill\\?.*key=")]
    private static partial Regex ConfirmUrl();

    [GeneratedRegex("/stockflow-admin/executions/\\d+$")]
    private static partial Regex ExecutionUrl();
}
