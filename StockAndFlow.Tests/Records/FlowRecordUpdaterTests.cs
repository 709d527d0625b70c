using StockAndFlow.Counting;
using StockAndFlow.Reading;
using StockAndFlow.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StockAndFlow.Tests.Capture;
using StockAndFlow.Tests.Support;

namespace StockAndFlow.Tests.Records;

public sealed class FlowRecordUpdaterTests
{
    [Theory]
    [AllProviders]
    public Task FlowRates_EqualADirectCountOfEvents_ForRandomRangesAndPeriods(string provider) =>
        FlowRatesEqualDirectCountsAsync(provider, "Europe/Amsterdam");

    // Events are grouped by UTC quarter-hour where the zone's offsets are not whole hours.
    [Theory]
    [AllProviders]
    public Task FlowRates_EqualADirectCountOfEvents_InAZoneWithHalfHourOffsets(string provider) =>
        FlowRatesEqualDirectCountsAsync(provider, "Asia/Kolkata");

    private static async Task FlowRatesEqualDirectCountsAsync(string provider, string zone)
    {
        await using var engine = await StartAsync(provider, zone);
        var random = new Random(7);
        await SaveRandomHistoryAsync(engine, random, days: 60);
        await using var db = engine.NewContext();
        await engine.Services.GetRequiredService<FlowRecordUpdater>().UpdateAsync(db);

        // More history after the first run: the second run is incremental.
        await SaveRandomHistoryAsync(engine, random, days: 20);
        await engine.Services.GetRequiredService<FlowRecordUpdater>().UpdateAsync(db);

        var events = await engine.EventsAsync();
        var calendar = engine.Services.GetRequiredService<PeriodCalendar>();
        var rates = engine.Services.GetRequiredService<FlowRates>();
        var origin = events.Min(e => e.OccurredAt);
        var span = events.Max(e => e.OccurredAt) - origin;
        for (var trial = 0; trial < 25; trial++)
        {
            var period = (Period)random.Next(1, 6);
            var from = origin.AddTicks((long)(span.Ticks * random.NextDouble() * 0.8));
            var to = from.AddTicks((long)((origin + span - from).Ticks * random.NextDouble()) + TimeSpan.TicksPerHour);
            foreach (var flow in engine.Model.Flows)
            {
                var series = await rates.ReadAsync(db, flow, from, to, period);
                foreach (var point in series)
                {
                    var end = calendar.NextBucketStart(point.BucketStart, period);
                    var expected = events.Count(e => e.Flow == flow.Slug && e.OccurredAt >= point.BucketStart && e.OccurredAt < end);
                    Assert.True(expected == point.Value, $"{flow.Slug} {period} {point.BucketStart:O}: expected {expected}, read {point.Value}");
                }
            }
        }
    }

    [Theory]
    [AllProviders]
    public async Task Update_RunTwice_LeavesTheSameRecords(string provider)
    {
        await using var engine = await StartAsync(provider);
        await SaveRandomHistoryAsync(engine, new Random(3), days: 10);
        await using var db = engine.NewContext();
        var updater = engine.Services.GetRequiredService<FlowRecordUpdater>();

        await updater.UpdateAsync(db);
        var first = await Snapshot(db);
        await updater.UpdateAsync(db);
        engine.Time.Advance(TimeSpan.FromHours(1));
        await updater.UpdateAsync(db);

        Assert.Equal(first, await Snapshot(db));
    }

    [Theory]
    [AllProviders]
    public async Task FlowRecords_BreakDownByTheFacetsOfTheFlowsStocks_WithDeletedSubjectsAsNull(string provider)
    {
        await using var engine = await Engine.StartAsync(provider, sf =>
        {
            var active = sf.Stock<User>("active", u => u.IsActive).Facet("region", u => u.Region);
            var inactive = sf.Stock<User>("inactive", u => !u.IsActive);
            sf.Flow<User>("creating").From(StockAndFlow.Definitions.Stock.External).To(active, inactive);
            sf.Flow<User>("deactivating").From(active).To(inactive);
        });
        await using var db = engine.NewContext();
        var users = new[] { "eu", "eu", "us", null, "us" }.Select(r => new User { IsActive = true, Region = r }).ToList();
        db.Users.AddRange(users);
        await db.SaveChangesAsync();
        engine.Time.Advance(TimeSpan.FromHours(3));
        users[0].IsActive = false;
        users[2].IsActive = false;
        await db.SaveChangesAsync();
        db.Users.Remove(users[4]);
        await db.SaveChangesAsync();

        var updater = engine.Services.GetRequiredService<FlowRecordUpdater>();
        await updater.UpdateAsync(db);
        var rates = engine.Services.GetRequiredService<FlowRates>();
        var creating = engine.Model.FindFlow("creating")!;
        var breakdown = await rates.BreakdownAsync(db, creating, "region", engine.Time.GetUtcNow().UtcDateTime.AddDays(-1), engine.Time.GetUtcNow().UtcDateTime.AddDays(1));

        Assert.Equal([(null, 2L), ("eu", 2L), ("us", 1L)], breakdown.Select(b => (b.Value, b.Count)).OrderBy(b => b.Value).ToList());
        var deactivating = await rates.BreakdownAsync(db, engine.Model.FindFlow("deactivating")!, "region", engine.Time.GetUtcNow().UtcDateTime.AddDays(-1), engine.Time.GetUtcNow().UtcDateTime.AddDays(1));
        Assert.Equal([("eu", 1L), ("us", 1L)], deactivating.Select(b => (b.Value, b.Count)).OrderBy(b => b.Value).ToList());
        var weeks = await db.Set<FlowRecord>().AsNoTracking().Where(r => r.Flow == "creating" && r.Facet == "region" && r.Period == Period.Week).SumAsync(r => r.Count);
        Assert.Equal(5, weeks);
    }

    private static async Task<List<(string, Period, DateTime, long)>> Snapshot(TestDbContext db) =>
        [.. (await db.Set<FlowRecord>().AsNoTracking().ToListAsync()).Select(r => (r.Flow, r.Period, r.BucketStart, r.Count)).Order()];

    private static Task<Engine> StartAsync(string provider, string zone = "Europe/Amsterdam") =>
        Engine.StartAsync(provider, CaptureSemanticsTests.UserFlows, options: o => o.ReportingTimeZone = zone);

    private static async Task SaveRandomHistoryAsync(Engine engine, Random random, int days)
    {
        await using var db = engine.NewContext();
        for (var day = 0; day < days; day++)
        {
            for (var i = random.Next(0, 5); i > 0; i--)
            {
                engine.Time.Advance(TimeSpan.FromMinutes(random.Next(1, 300)));
                var user = new User { IsActive = random.Next(3) > 0 };
                db.Users.Add(user);
                await db.SaveChangesAsync();
                if (user.IsActive && random.Next(2) == 0)
                {
                    engine.Time.Advance(TimeSpan.FromMinutes(random.Next(1, 120)));
                    user.IsActive = false;
                    await db.SaveChangesAsync();
                }
            }

            engine.Time.Advance(TimeSpan.FromHours(random.Next(1, 24)));
        }
    }
}
