using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace StockAndFlow.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed partial class FlowMoversPageTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string Test = "flow-movers";

    [Fact]
    public async Task WhoMovedListsTheMovers_AndTickedMoversGetTheActionThroughTheConfirmation()
    {
        await using var context = await browser.NewAdminContextAsync();
        var page = await context.NewPageAsync();
        var problems = new PageProblems(page);

        // From the flow page, "Who moved" opens its movers over the flow page's range.
        await page.GotoAsync("/stockflow-admin/flows/cooling?range=7d");
        await page.Locator("[data-stockandflow-admin='who-moved']").ClickAsync();
        await page.ArriveAtAsync(MoversUrl());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Who moved: Cooling" })).ToBeVisibleAsync();
        await Expect(page.Locator("#stockandflow-admin-range")).ToHaveValueAsync("7d");
        var rows = page.Locator("table[data-stockandflow-admin='members'] tbody tr[data-key]");
        Assert.True(await rows.CountAsync() >= 2, "the demo's last 7 days should have cooling movers");
        await Expect(page.Locator("th a[data-sort='movedAt']")).ToHaveTextAsync("Moved ▼");

        // Tick two movers and choose the demo's action.
        var action = page.GetByRole(AriaRole.Button, new() { Name = "Mark as contacted…" });
        await Expect(action).ToBeDisabledAsync();
        var keys = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            await rows.Nth(i).Locator("input[data-row-check]").CheckAsync();
            keys.Add(await rows.Nth(i).GetAttributeAsync("data-key") ?? "");
        }

        await Expect(page.Locator("[data-selected-count]")).ToHaveTextAsync("2");
        await Expect(action).ToBeEnabledAsync();
        await Screenshots.SaveForReadmeAsync(page, "flow-movers.png", output);
        await action.ClickAsync();

        // The confirmation names the scope and counts the two rows.
        await page.ArriveAtAsync(ConfirmUrl());
        await Expect(page.Locator("[data-stockandflow-admin='selection']")).ToContainTextAsync("the 2 selected rows of the movers of Hot leads, Warm leads → Warm leads, Cold leads");
        await Expect(page.Locator("[data-stockandflow-admin='row-count']")).ToHaveTextAsync("2");
        await Screenshots.SaveAsync(page, Test, "1-confirm", output);
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark as contacted: 2 leads" }).ClickAsync();

        // The execution reports both rows and leads back to the movers it was picked from.
        await page.ArriveAtAsync(ExecutionUrl());
        await Expect(page.Locator("[data-execution] [data-stockandflow-admin='status']")).ToHaveTextAsync("Succeeded", new() { Timeout = 60_000 });
        await Expect(page.Locator("[data-stockandflow-admin='affected']")).ToHaveTextAsync("2");
        await Expect(page.Locator("[data-stockandflow-admin='movers-link']")).ToHaveTextAsync("Movers of Cooling");
        await Screenshots.SaveAsync(page, Test, "2-execution", output);

        // Both leads are hot now: found among the hot leads by key.
        foreach (var key in keys)
        {
            await page.GotoAsync($"/stockflow-admin/stocks/hot-leads/members?key={key}");
            await Expect(page.Locator($"table[data-stockandflow-admin='members'] tbody tr[data-key='{key}']")).ToBeVisibleAsync();
        }

        // The audit log shows the run on the movers.
        await page.GotoAsync("/stockflow-admin/executions");
        var latest = page.Locator("table[data-stockandflow-admin='log'] tbody tr").First;
        await Expect(latest).ToContainTextAsync("Mark as contacted");
        await Expect(latest).ToContainTextAsync("Movers of Cooling");
        await Expect(latest).ToContainTextAsync("movers of Hot leads, Warm leads → Warm leads, Cold leads");
        problems.AssertNone();
    }

    [GeneratedRegex("/stockflow-admin/flows/cooling/movers\\?.*range=7d")]
    private static partial Regex MoversUrl();

    [GeneratedRegex("/stockflow-admin/flows/cooling/movers/actions/mark-contacted\\?.*key=")]
    private static partial Regex ConfirmUrl();

    [GeneratedRegex("/stockflow-admin/executions/\\d+$")]
    private static partial Regex ExecutionUrl();
}
