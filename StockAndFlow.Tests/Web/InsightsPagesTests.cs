using System.Text.Json;

namespace StockAndFlow.Tests.Web;

/// <summary>Statistics and insights in the admin, on the demo's first-run data.</summary>
[Collection(AdminAppCollection.Name)]
public sealed class InsightsPagesTests(AdminAppFactory factory)
{
    [Fact]
    public async Task StatisticsListTheDemoMetrics_AndAMetricAnswersItsSeries()
    {
        using var client = await factory.CreateAdminClientAsync();

        var index = await client.GetStringAsync("/stockflow-admin/statistics");
        using var lifetime = JsonDocument.Parse(await client.GetStringAsync("/stockflow-admin/api/statistics/shop/orders?period=lifetime&range=30d"));
        using var daily = JsonDocument.Parse(await client.GetStringAsync("/stockflow-admin/api/statistics/shop/orders?period=day&range=1y"));

        Assert.Contains("Sign-ups", index, StringComparison.Ordinal);
        var cumulative = lifetime.RootElement.GetProperty("values").EnumerateArray().Select(v => v.GetProperty("value").GetDecimal()).ToList();
        Assert.True(cumulative.Count >= 29, $"Lifetime has {cumulative.Count} days in the last 30.");
        Assert.Equal(cumulative.Order(), cumulative);
        var days = daily.RootElement.GetProperty("values").EnumerateArray().Sum(v => v.GetProperty("value").GetDecimal());
        Assert.True(days > 0 && days <= cumulative[^1], $"{days} orders by day, {cumulative[^1]} in total.");
    }

    [Fact]
    public async Task InsightsDashboardShowsCountersAndGauges_AndEveryChartKindHasPoints()
    {
        using var client = await factory.CreateAdminClientAsync();

        var dashboard = await client.GetStringAsync("/stockflow-admin/insights");
        using var all = JsonDocument.Parse(await client.GetStringAsync("/stockflow-admin/api/insights"));

        Assert.Contains("How many customers are there?", dashboard, StringComparison.Ordinal);
        var kinds = all.RootElement.EnumerateArray().Select(i => i.GetProperty("kind").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "Counter", "Gauge", "Timeseries", "Scatter", "Bar", "HorizontalBar" }, kinds);
        foreach (var slug in new[] { "orders-per-month", "orders-vs-revenue", "customers-by-plan", "leads-by-source" })
        {
            using var chart = JsonDocument.Parse(await client.GetStringAsync($"/stockflow-admin/api/insights/{slug}"));
            Assert.True(chart.RootElement.GetProperty("points").GetArrayLength() > 0, $"{slug} has no points.");
        }
    }
}
