using StockAndFlow.Storage;
using Microsoft.EntityFrameworkCore;
using StockAndFlow.Definitions;
using StockAndFlow.Tests.Support;

namespace StockAndFlow.Tests.Capture;

/// <summary>
/// Simulated days of tracked, disconnected and stub saves over one table holding several independent
/// stock groups, each with a flow for every possible move: every day, each stock's change in count is
/// its inflow events minus its outflow events, and every facet's records sum to the stock's record.
/// </summary>
public sealed class FlowBalanceTests
{
    private const int Days = 12;
    private const int SavesPerDay = 8;
    private static readonly string[] Plans = RandomSaves.Plans;

    [Theory, AllProviders]
    public async Task EveryDay_CountChangeEqualsInflowMinusOutflow_AndFacetsSumToTheTotal(string provider)
    {
        await using var engine = await Engine.StartAsync(provider, Define);
        await engine.ValidateAsync();
        var saves = new RandomSaves(new Random(20261128));
        var live = new List<int>();
        for (var i = 0; i < 20; i++)
        {
            live.Add(await saves.AddAsync(engine));
        }

        var counts = await CountsAsync(engine);
        for (var day = 0; day < Days; day++)
        {
            engine.Time.Advance(TimeSpan.FromDays(1));
            var dayStart = engine.Time.GetUtcNow().UtcDateTime;
            for (var save = 0; save < SavesPerDay; save++)
            {
                await saves.SaveSomethingAsync(engine, live);
            }

            var now = await CountsAsync(engine);
            var events = (await engine.EventsAsync()).Where(e => e.OccurredAt >= dayStart).ToList();
            foreach (var stock in engine.Model.CapturedStocks)
            {
                var flowed = events.Count(e => e.Sink == stock.Slug) - events.Count(e => e.Source == stock.Slug);
                Assert.True(now[stock.Slug] - counts[stock.Slug] == flowed, $"Day {day}, {stock}: count {counts[stock.Slug]} → {now[stock.Slug]}, events say {flowed:+#;-#;0}.");
            }

            await using (var db = engine.NewContext())
            {
                await engine.Snapshotter.SnapshotAsync(db, engine.Model.Stocks, dayStart);
            }

            await AssertFacetsSumToTotalsAsync(engine, day);
            counts = now;
        }
    }

    // Three groups over the users table: activity (a partition), staff (one stock), region (two stocks
    // and the rows with neither). Every group has a flow for every move between its stocks and External.
    private static void Define(StockAndFlowBuilder sf)
    {
        var active = sf.Stock<User>("active", u => u.IsActive).Facet("region", u => u.Region).Facet("plan", u => u.Name);
        var inactive = sf.Stock<User>("inactive", u => !u.IsActive).Facet("region", u => u.Region);
        var staff = sf.Stock<User>("staff", u => u.IsStaff).Facet("plan", u => u.Name, Plans);
        var europe = sf.Stock<User>("in-europe", u => u.Region == "eu").Facet("plan", u => u.Name);
        var america = sf.Stock<User>("in-america", u => u.Region == "us").Facet("active", u => u.IsActive);
        EveryMove(sf, "activity", active, inactive);
        EveryMove(sf, "staffing", staff);
        EveryMove(sf, "region", europe, america);
    }

    private static void EveryMove(StockAndFlowBuilder sf, string prefix, params Stock<User>[] stocks)
    {
        Stock[] places = [Stock.External, .. stocks];
        foreach (var source in places)
        {
            foreach (var sink in places.Where(s => s != source))
            {
                sf.Flow<User>($"{prefix}-{source.Slug}-to-{sink.Slug}").From(source).To(sink);
            }
        }
    }

    private static async Task<Dictionary<string, long>> CountsAsync(Engine engine)
    {
        await using var db = engine.NewContext();
        return (await engine.Counter.CountAllAsync(db)).ToDictionary(c => c.Stock.Slug, c => c.Total);
    }

    private static async Task AssertFacetsSumToTotalsAsync(Engine engine, int day)
    {
        await using var db = engine.NewContext();
        var totals = await db.Set<StockRecord>().AsNoTracking().ToListAsync();
        var facets = await db.Set<StockFacetRecord>().AsNoTracking().ToListAsync();
        foreach (var record in totals)
        {
            var stock = engine.Model.FindStock(record.Stock)!;
            foreach (var facet in stock.Facets)
            {
                var sum = facets.Where(f => f.Stock == record.Stock && f.Facet == facet.Slug && f.Period == record.Period && f.BucketStart == record.BucketStart).Sum(f => f.Count);
                Assert.True(sum == record.Count, $"Day {day}, {stock} {record.Period} {record.BucketStart:O}: facet '{facet.Slug}' sums to {sum}, the record says {record.Count}.");
            }
        }
    }
}
