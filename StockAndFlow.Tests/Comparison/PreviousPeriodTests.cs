using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StockAndFlow.Reading;
using StockAndFlow.Storage;
using StockAndFlow.Tests.Web;
using StockAndFlow.Web.Data;

namespace StockAndFlow.Tests.Comparison;

/// <summary>
/// The previous-period figures beyond the stock and flow series: facet series, statistics, movements and
/// insights. Each is checked against the range before computed separately (asked for by its dates, or
/// counted from the stored rows), over the demo's year of history.
/// </summary>
[Collection(AdminAppCollection.Name)]
public sealed partial class PreviousPeriodTests(AdminAppFactory factory)
{
    [Theory]
    [InlineData("hot-leads", "source", "range=30d&period=day")]
    [InlineData("active-customers", "plan", "range=90d&period=week")]
    public async Task EachFacetValueCarriesItsPreviousPeriod_EqualToThatValueAskedForTheRangeBefore(string stock, string facet, string query)
    {
        using var client = await factory.CreateAdminClientAsync();

        using var json = JsonDocument.Parse(await client.GetStringAsync($"/stockflow-admin/api/stocks/{stock}/records?facet={facet}&{query}"));
        var series = json.RootElement.GetProperty("series").EnumerateArray().ToList();
        Assert.NotEmpty(series);
        var first = series[0];
        var from = first.GetProperty("previous")[0].GetProperty("bucketStart").GetDateTime().ToUniversalTime();
        var to = first.GetProperty("points")[0].GetProperty("bucketStart").GetDateTime().ToUniversalTime();
        var period = Regex.Match(query, "period=(\\w+)").Groups[1].Value;
        using var asked = JsonDocument.Parse(await client.GetStringAsync($"/stockflow-admin/api/stocks/{stock}/records?facet={facet}&from={from:O}&to={to:O}&period={period}"));
        var before = asked.RootElement.GetProperty("series").EnumerateArray()
            .ToDictionary(s => s.GetProperty("value").ToString(), s => s.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("value").ToString()).ToList());

        var compared = 0;
        foreach (var value in series)
        {
            var previous = value.GetProperty("previous").EnumerateArray().Select(p => p.GetProperty("value").ToString()).ToList();
            Assert.Equal(value.GetProperty("points").GetArrayLength(), previous.Count);
            var expected = before.GetValueOrDefault(value.GetProperty("value").ToString()) ?? [.. previous.Select(_ => "")];
            Assert.Equal(expected, previous);
            compared += previous.Count(p => p.Length > 0);
        }

        Assert.True(compared > 0, "No facet value had records in the range before.");
    }

    [Theory]
    [InlineData("orders", "day", 30)]
    [InlineData("revenue", "day", 90)]
    public async Task AStatisticCarriesTheRangeBefore_EqualToTheStoredValuesOfThoseDays(string metric, string period, int days)
    {
        using var client = await factory.CreateAdminClientAsync();

        var asked = DateTime.UtcNow;
        using var json = JsonDocument.Parse(await client.GetStringAsync($"/stockflow-admin/api/statistics/shop/{metric}?period={period}&range={days}d"));
        var answered = DateTime.UtcNow;
        var from = json.RootElement.GetProperty("from").GetDateTime().ToUniversalTime();
        var previousFrom = json.RootElement.GetProperty("previousFrom").GetDateTime().ToUniversalTime();
        var previous = json.RootElement.GetProperty("previous").EnumerateArray()
            .Select(v => (Date: v.GetProperty("date").GetDateTime().ToUniversalTime(), Value: v.GetProperty("value").GetDecimal())).ToList();

        await using var scope = factory.Services.CreateAsyncScope();
        var calendar = scope.ServiceProvider.GetRequiredService<PeriodCalendar>();
        // The days before, as many: counted back from the range's first day in the reporting zone.
        Assert.Equal(calendar.StartOfLastDays(from.AddTicks(-1), days), previousFrom);
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var metricId = await db.Set<StatisticMetric>().Where(m => m.Ref == metric).Select(m => m.Id).SingleAsync();
        // As far into those days as the range has run: its last day is tomorrow, so today's counterpart ends it.
        var previousTo = json.RootElement.GetProperty("previousTo").GetDateTime().ToUniversalTime();
        Assert.InRange(previousTo, previousFrom + (asked - from), previousFrom + (answered - from));
        var stored = (await db.Set<Statistic>().AsNoTracking().Where(s => s.MetricId == metricId && s.Period == StatisticPeriod.Day && s.ObjectType == "").ToListAsync())
            .Where(s => s.Date >= previousFrom && s.Date < previousTo).OrderBy(s => s.Date).Select(s => (s.Date, Value: s.Value ?? 0m)).ToList();
        Assert.Equal(stored, previous.OrderBy(p => p.Date).ToList());
        Assert.True(stored.Count >= days / 2, $"Only {stored.Count} stored values in the {days} days before.");
    }

    [Fact]
    public async Task TheMovementsPageComparesItsTotalsAndLeavesWithTheRangeBefore_CountedFromTheEvents()
    {
        using var client = await factory.CreateAdminClientAsync();

        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/stockflow-admin/types/Customer/movements?range=30d"));
        using var dwell = JsonDocument.Parse(await client.GetStringAsync("/stockflow-admin/api/types/Customer/dwell?range=30d"));
        using var matrix = JsonDocument.Parse(await client.GetStringAsync("/stockflow-admin/api/types/Customer/transitions?range=30d"));

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var (before, since) = DaysBefore.Of(scope.ServiceProvider);
        var flows = new[] { "signing-up", "converting", "churning", "reactivating" };
        var earlier = await db.Set<FlowEvent>().AsNoTracking().Where(e => flows.Contains(e.Flow) && e.OccurredAt >= before && e.OccurredAt < since).ToListAsync();
        Assert.True(earlier.Count > 0);

        // The headline: every move of the range before.
        var total = Versus().Match(page[page.IndexOf("data-stockandflow-admin=\"moves-total\"", StringComparison.Ordinal)..]);
        Assert.Equal(earlier.Count, long.Parse(total.Groups["before"].Value, CultureInfo.InvariantCulture));
        Assert.Equal(matrix.RootElement.GetProperty("moves").EnumerateArray().Sum(m => m.GetProperty("count").GetInt64()), long.Parse(total.Groups["now"].Value, CultureInfo.InvariantCulture));

        // The API's previous moves, by source and sink.
        var previous = matrix.RootElement.GetProperty("previous").EnumerateArray()
            .ToDictionary(m => (m.GetProperty("source").GetString(), m.GetProperty("sink").GetString()), m => m.GetProperty("count").GetInt64());
        var expected = earlier.GroupBy(e => (e.Source, e.Sink)).ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(expected.OrderBy(e => e.Key.ToString()), previous.OrderBy(e => e.Key.ToString()));

        // Each row's moves out, before: the events of the range before from that source.
        foreach (var source in expected.Keys.Select(k => k.Source).Distinct())
        {
            var cell = Regex.Match(page, $"data-moves-from=\"{source ?? "outside"}\">[\\s\\S]*?data-before=\"(\\d+)\"");
            Assert.Equal(earlier.LongCount(e => e.Source == source), long.Parse(cell.Groups[1].Value, CultureInfo.InvariantCulture));
        }

        // Leaves in the range before: each move out of a stock then whose row had entered it earlier,
        // as the dwell API answers them for that range and as the page shows them.
        var all = await db.Set<FlowEvent>().AsNoTracking().Where(e => flows.Contains(e.Flow) && e.OccurredAt < since).ToListAsync();
        var compared = 0;
        foreach (var row in dwell.RootElement.GetProperty("previous").EnumerateArray())
        {
            var stock = row.GetProperty("stock").GetString()!;
            var stays = earlier.Where(left => left.Source == stock)
                .Select(left => (Left: left, Entered: all.Where(x => x.SubjectKey == left.SubjectKey && x.Sink == stock && (x.OccurredAt < left.OccurredAt || (x.OccurredAt == left.OccurredAt && x.Id < left.Id))).MaxBy(x => (x.OccurredAt, x.Id))))
                .Where(s => s.Entered is not null)
                .Select(s => s.Left.OccurredAt - s.Entered!.OccurredAt)
                .Order().ToList();
            var leaves = stays.Count;
            Assert.Equal(leaves, row.GetProperty("leaves").GetInt32());
            if (leaves > 0)
            {
                // The median stay of the range before, as the page words it.
                var median = stays[(int)Math.Ceiling(0.5 * leaves) - 1];
                Assert.Equal(median.TotalDays, row.GetProperty("medianDays").GetDouble(), 9);
                var words = median.TotalDays >= 1 ? median.TotalDays.ToString("0.#", CultureInfo.InvariantCulture) + " days" : median.TotalHours.ToString("0.#", CultureInfo.InvariantCulture) + " hours";
                Assert.Matches($"<tr data-stock=\"{stock}\">(?:(?!<tr)[\\s\\S])*?data-previous-median>{Regex.Escape(words)} in the range before<", page);
            }

            var shown = Regex.Match(page, $"<tr data-stock=\"{stock}\">(?:(?!<tr)[\\s\\S])*?data-leaves>[^<]*<div[^>]*data-before=\"(\\d+)\"");
            Assert.True(shown.Success, $"No leaves before shown for {stock}.");
            Assert.Equal(leaves, int.Parse(shown.Groups[1].Value, CultureInfo.InvariantCulture));
            compared += leaves;
        }

        Assert.True(compared > 0, "No row left a stock in the range before.");
        using var asked = JsonDocument.Parse(await client.GetStringAsync($"/stockflow-admin/api/types/Customer/dwell?from={before:O}&to={since:O}"));
        Assert.Equal(asked.RootElement.GetProperty("stocks").ToString(), dwell.RootElement.GetProperty("previous").ToString());
    }

    [Theory]
    [InlineData("cooling", "source", "range=30d&period=day")]
    [InlineData("signing-up", "plan", "range=90d&period=week")]
    public async Task AFlowBreakdownCarriesEachValuesEventsOfAsManyDaysBefore(string flow, string facet, string query)
    {
        using var client = await factory.CreateAdminClientAsync();
        var days = query.Contains("90d", StringComparison.Ordinal) ? 90 : 30;

        using var json = JsonDocument.Parse(await client.GetStringAsync($"/stockflow-admin/api/flows/{flow}/breakdown?facet={facet}&{query}"));
        var previous = json.RootElement.GetProperty("previous").EnumerateArray()
            .ToDictionary(v => v.GetProperty("value").ToString(), v => v.GetProperty("count").GetInt64());

        // Worked out separately: as many whole days before the range's first day, whatever the period.
        await using var scope = factory.Services.CreateAsyncScope();
        var (before, since) = DaysBefore.Of(scope.ServiceProvider, days);
        using var asked = JsonDocument.Parse(await client.GetStringAsync($"/stockflow-admin/api/flows/{flow}/breakdown?facet={facet}&from={before:O}&to={since:O}"));
        var expected = asked.RootElement.GetProperty("values").EnumerateArray()
            .ToDictionary(v => v.GetProperty("value").ToString(), v => v.GetProperty("count").GetInt64());
        Assert.Equal(expected.OrderBy(e => e.Key), previous.OrderBy(e => e.Key));

        // And in all, the flow's events of those days.
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        Assert.Equal(await db.Set<FlowEvent>().LongCountAsync(e => e.Flow == flow && e.OccurredAt >= before && e.OccurredAt < since), previous.Values.Sum());
        Assert.True(previous.Values.Sum() > 0);
    }

    [Theory]
    [InlineData("customers-by-plan")]
    [InlineData("orders-per-month")]
    public async Task AChartInsightCarriesThePointsOfThePreviousSuccessfulCollection(string slug)
    {
        await InsightRuns.CollectAtLeastTwiceAsync(factory.Services);
        using var client = await factory.CreateAdminClientAsync();

        using var json = JsonDocument.Parse(await client.GetStringAsync($"/stockflow-admin/api/insights/{slug}"));

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var results = await db.Set<InsightResult>().AsNoTracking().Where(r => r.Insight == slug && r.Succeeded).OrderByDescending(r => r.RunId).Take(2).ToListAsync();
        Assert.Equal(2, results.Count);
        var expected = InsightResults.Points(results[1]);
        var previous = json.RootElement.GetProperty("previousPoints").EnumerateArray().ToList();
        Assert.Equal(expected.Count, previous.Count);
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Select(p => p.Y), previous.Select(p => p.GetProperty("y").GetDecimal()));
        Assert.Equal(results[1].CollectedAt, json.RootElement.GetProperty("previousCollectedAt").GetDateTime().ToUniversalTime(), TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task ACounterInsightComparesWithThePreviousSuccessfulCollection_OnItsPageAndTheDashboard()
    {
        await InsightRuns.CollectAtLeastTwiceAsync(factory.Services);
        using var client = await factory.CreateAdminClientAsync();

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var counter = (await db.Set<InsightResult>().AsNoTracking().Where(r => r.Succeeded && r.Counter != null).Select(r => r.Insight).Distinct().ToListAsync()).Order(StringComparer.Ordinal).First();
        var results = await db.Set<InsightResult>().AsNoTracking().Where(r => r.Insight == counter && r.Succeeded).OrderByDescending(r => r.RunId).Take(2).ToListAsync();

        var page = await client.GetStringAsync($"/stockflow-admin/insights/{counter}");
        var shown = Versus().Match(page);
        Assert.Equal(results[0].Counter!.Value, decimal.Parse(shown.Groups["now"].Value, CultureInfo.InvariantCulture));
        Assert.Equal(results[1].Counter!.Value, decimal.Parse(shown.Groups["before"].Value, CultureInfo.InvariantCulture));

        var index = await client.GetStringAsync("/stockflow-admin/insights");
        var tile = index[index.IndexOf($"data-insight=\"{counter}\"", StringComparison.Ordinal)..];
        Assert.Equal(results[1].Counter!.Value, decimal.Parse(Versus().Match(tile).Groups["before"].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex("""data-now="(?<now>[\d.]+)" data-stockandflow-admin="versus-before" data-before="(?<before>[\d.]+)">""")]
    private static partial Regex Versus();
}
