using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StockAndFlow.Storage;
using StockAndFlow.Web.Data;

namespace StockAndFlow.Tests.Web;

/// <summary>Every series and headline figure comes with the period before it, computed the same way.</summary>
[Collection(AdminAppCollection.Name)]
public sealed partial class AdminComparisonTests(AdminAppFactory factory)
{
    [Theory]
    [InlineData("/stockflow-admin/api/flows/cooling/rates", "range=30d&period=day")]
    [InlineData("/stockflow-admin/api/flows/signing-up/rates", "range=90d&period=week")]
    [InlineData("/stockflow-admin/api/stocks/hot-leads/records", "range=1y&period=month")]
    public async Task ASeriesCarriesThePreviousPeriod_EqualToTheSameSeriesAskedForThatRange(string url, string query)
    {
        using var client = await factory.CreateAdminClientAsync();

        using var json = JsonDocument.Parse(await client.GetStringAsync($"{url}?{query}"));
        var points = json.RootElement.GetProperty("points").EnumerateArray().ToList();
        var previous = json.RootElement.GetProperty("previous").EnumerateArray().ToList();
        Assert.Equal(points.Count, previous.Count);

        var from = previous[0].GetProperty("bucketStart").GetDateTime().ToUniversalTime();
        var to = points[0].GetProperty("bucketStart").GetDateTime().ToUniversalTime();
        var period = Regex.Match(query, "period=(\\w+)").Groups[1].Value;
        using var asked = JsonDocument.Parse(await client.GetStringAsync($"{url}?from={from:O}&to={to:O}&period={period}"));
        Assert.Equal(
            asked.RootElement.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("value").ToString()),
            previous.Select(p => p.GetProperty("value").ToString()));
    }

    [Fact]
    public async Task TheStockPagesInflowFigureComparesWithThe30DaysBefore_CountedFromTheEvents()
    {
        using var client = await factory.CreateAdminClientAsync();

        var page = await client.GetStringAsync("/stockflow-admin/stocks/trial-customers");
        var shown = long.Parse(Before().Match(page).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var (before, since) = Comparison.DaysBefore.Of(scope.ServiceProvider);
        var expected = await db.Set<FlowEvent>().CountAsync(e => e.Flow == "signing-up" && e.Sink == "trial-customers" && e.OccurredAt >= before && e.OccurredAt < since);
        Assert.Equal(expected, shown);
        Assert.True(expected > 0);
    }

    [GeneratedRegex("""data-stockandflow-admin="versus-before" data-before="(\d+)">""")]
    private static partial Regex Before();
}
