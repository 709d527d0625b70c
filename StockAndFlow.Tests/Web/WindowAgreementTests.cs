using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using StockAndFlow.Tests.Providers;
using StockAndFlow.Tests.Support;

namespace StockAndFlow.Tests.Web;

/// <summary>
/// "The last 30 days" is one window everywhere: a stock's inflow and outflow counts on its page and in
/// the API equal the sum of the flow's daily rates for the same window, which has exactly 30 day buckets.
/// </summary>
[Collection(HangfireHostsCollection.Name)]
public sealed partial class WindowAgreementTests
{
    [Fact]
    public async Task EveryFigureForTheSameStockFlowAndWindowAgreesOnSqlite()
    {
        await using var factory = new AdminAppFactory();
        using var client = await factory.CreateAdminClientAsync();
        await AssertWindowsAgreeAsync(client);
    }

    [PostgreSqlFact]
    public async Task EveryFigureForTheSameStockFlowAndWindowAgreesOnPostgreSql()
    {
        await using var database = await PostgreSqlTestDatabase.CreateOnServerAsync();
        await using var factory = new ProviderAppFactory("PostgreSql", database.ConnectionString);
        using var client = await AdminAppFactory.SignInAsync(factory, AdminAppFactory.AdminEmail, AdminAppFactory.AdminPassword);
        await AssertWindowsAgreeAsync(client);
    }

    private static async Task AssertWindowsAgreeAsync(HttpClient client)
    {
        using var flows = JsonDocument.Parse(await client.GetStringAsync("/stockflow-admin/api/flows"));
        var checkedFlows = 0;
        foreach (var flow in flows.RootElement.EnumerateArray())
        {
            var slug = flow.GetProperty("slug").GetString()!;
            using var rates = JsonDocument.Parse(await client.GetStringAsync($"/stockflow-admin/api/flows/{slug}/rates?range=30d&period=day"));
            var points = rates.RootElement.GetProperty("points").EnumerateArray().ToList();
            Assert.Equal(30, points.Count);
            var total = points.Sum(p => p.GetProperty("value").GetInt64());

            // A flow into (or out of) one stock only: all its events enter (or leave) that stock.
            foreach (var (ends, list) in new[] { ("sinks", "inflows"), ("sources", "outflows") })
            {
                var stocks = flow.GetProperty(ends).EnumerateArray().Select(e => e.GetString()).ToList();
                if (stocks is not [{ } stock])
                {
                    continue;
                }

                using var detail = JsonDocument.Parse(await client.GetStringAsync($"/stockflow-admin/api/stocks/{stock}"));
                var counted = detail.RootElement.GetProperty(list).EnumerateArray().Single(f => f.GetProperty("slug").GetString() == slug).GetProperty("events").GetInt64();
                Assert.True(total == counted, $"{slug}: its daily rates over the last 30 days sum to {total}, but stock {stock}'s {list} count {counted}.");
                checkedFlows++;

                var page = await client.GetStringAsync($"/stockflow-admin/stocks/{stock}");
                var shown = long.Parse(Figure(list == "inflows" ? InFigure() : OutFigure(), page), System.Globalization.CultureInfo.InvariantCulture);
                var sum = detail.RootElement.GetProperty(list).EnumerateArray().Sum(f => f.GetProperty("events").GetInt64());
                Assert.Equal(sum, shown);
            }
        }

        Assert.True(checkedFlows >= 3, $"Only {checkedFlows} flow ends were compared.");
    }

    private static string Figure(Regex pattern, string html)
    {
        var match = pattern.Match(html);
        Assert.True(match.Success, $"The stock page has no figure matching {pattern}.");
        return match.Groups[1].Value.Replace(",", "", StringComparison.Ordinal);
    }

    [GeneratedRegex("""In, last 30 days</div>\s*<div class="fs-3 stockandflow-admin-num">([\d,]+)</div>""")]
    private static partial Regex InFigure();

    [GeneratedRegex("""Out, last 30 days</div>\s*<div class="fs-3 stockandflow-admin-num">([\d,]+)</div>""")]
    private static partial Regex OutFigure();
}
