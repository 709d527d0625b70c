using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StockAndFlow.Counting;
using StockAndFlow.Definitions;
using StockAndFlow.Jobs;
using StockAndFlow.Storage;
using StockAndFlow.Tests.Support;

namespace StockAndFlow.Tests.Retention;

/// <summary>
/// Event retention: whole UTC months of flow events go once flow records and every stock's recount
/// have covered them — a dropped partition on PostgreSQL, a batched DELETE elsewhere — and flow
/// records, recounts and bridge lines stay.
/// </summary>
public sealed class FlowEventRetentionTests
{
    // The engine's clock starts on 2026-03-02; five months of history, March to July.
    private static readonly DateTime[] Months = [.. Enumerable.Range(0, 5).Select(i => new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(i))];

    [Theory, AllProviders]
    public async Task MonthsOlderThanTheSetting_AreRemoved_OnceRolledUp_AndRecordsAndBridgesStay(string provider)
    {
        await using var engine = await StartAsync(provider, keepMonths: 2, batchSize: 7);
        await HistoryAsync(engine);
        await UpdateRecordsAsync(engine);
        await RecountAsync(engine);
        var events = await engine.EventsAsync();
        var records = await RecordsAsync(engine);
        var (recounts, bridges) = await RecountsAndBridgesAsync(engine);

        // July 20: two whole months before July are kept (May, June), March and April go.
        var result = await RunJobAsync(engine);

        var cutoff = new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc);
        Assert.Equal(2, result.MonthsRemoved);
        Assert.Equal(cutoff, result.KeptFrom);
        var kept = await engine.EventsAsync();
        Assert.Equal(events.Where(e => e.OccurredAt >= cutoff).Select(Row), kept.Select(Row));
        Assert.True(events.Count(e => e.OccurredAt < cutoff) > 20, "The history must put events in the months removed.");
        Assert.Equal(await RecountsAndBridgesAsync(engine), (recounts, bridges));
        Assert.Equal(records, await RecordsAsync(engine));
        if (provider == TestDatabase.Sqlite)
        {
            Assert.Equal(events.Count(e => e.OccurredAt < cutoff), result.RowsDeleted);
        }
        else
        {
            Assert.Equal(0, result.RowsDeleted);
            var partitions = await PartitionsAsync(engine);
            Assert.DoesNotContain("StockAndFlow_FlowEvents_2026m03", partitions);
            Assert.DoesNotContain("StockAndFlow_FlowEvents_2026m04", partitions);
            Assert.Contains("StockAndFlow_FlowEvents_2026m05", partitions);
        }

        // Charts keep their history: new events and a flow record update leave the old months' records
        // as they were, and count the new ones.
        engine.Time.Advance(TimeSpan.FromDays(3));
        var today = engine.Time.GetUtcNow().UtcDateTime.Date;
        await SaveMonthAsync(engine, 100, signups: 4, lapses: 2);
        engine.Time.Advance(TimeSpan.FromHours(1));
        await UpdateRecordsAsync(engine);
        var after = await RecordsAsync(engine);
        static bool Closed((string, string, bool, string, Period Period, DateTime BucketStart, long) r) =>
            r.Period != Period.Year && r.BucketStart < new DateTime(2026, 4, 20, 0, 0, 0, DateTimeKind.Utc);
        Assert.Equal(records.Where(Closed), after.Where(Closed));
        Assert.Contains(records, r => r.Item5 == Period.Day && r.Item6 < cutoff);
        var newest = (await engine.EventsAsync()).Where(e => e.OccurredAt.Date == today).ToList();
        Assert.Equal(
            newest.GroupBy(e => e.Flow).Select(g => (g.Key, (long)g.Count())).OrderBy(p => p.Key),
            after.Where(r => r.Item5 == Period.Day && r.Item2 == "" && r.Item6 == today).Select(r => (r.Item1, r.Item7)).OrderBy(p => p.Item1));

        // Live counts start from the recount plus the events since: still the full count.
        await using var db = engine.NewContext();
        var full = await engine.Counter.CountAsync(db, engine.Model.Stocks);
        Assert.Equal(full.Select(c => c.Total), await engine.Services.GetRequiredService<StockAndFlow.Reading.LiveCounts>().TotalsAsync(db, engine.Model.Stocks));
    }

    [Theory, AllProviders]
    public async Task NothingIsRemoved_WhileFlowRecordsOrARecountHaveNotCoveredTheMonth(string provider)
    {
        await using var engine = await StartAsync(provider, keepMonths: 2, batchSize: 10_000);
        await HistoryAsync(engine);
        var count = (await engine.EventsAsync()).Count;

        // No flow record update and no recount yet.
        Assert.Equal(0, (await RunJobAsync(engine)).MonthsRemoved);

        // Flow records are up to date, but no stock was recounted: live counts still read every event.
        await UpdateRecordsAsync(engine);
        Assert.Equal(0, (await RunJobAsync(engine)).MonthsRemoved);
        Assert.Equal(count, (await engine.EventsAsync()).Count);

        // A recount, then an event stamped in March written after it (a skewed clock, or an import):
        // March holds an event the recount has not seen, so March stays, and so do the months after it.
        await RecountAsync(engine);
        await using (var db = engine.NewContext())
        {
            db.Add(new FlowEvent { Flow = "lapse", SubjectType = nameof(User), SubjectKey = "1", Source = "active", Sink = "inactive", OccurredAt = Months[0].AddDays(9) });
            await db.SaveChangesAsync();
        }

        engine.Time.Advance(TimeSpan.FromHours(1));
        await UpdateRecordsAsync(engine);
        Assert.Equal(0, (await RunJobAsync(engine)).MonthsRemoved);
        Assert.Equal(count + 1, (await engine.EventsAsync()).Count);

        // Once the recount has seen it, both months go.
        await RecountAsync(engine);
        Assert.Equal(2, (await RunJobAsync(engine)).MonthsRemoved);
        Assert.DoesNotContain(await engine.EventsAsync(), e => e.OccurredAt < Months[2]);
    }

    [Theory, AllProviders]
    public async Task WithoutTheSetting_EveryEventIsKept(string provider)
    {
        await using var engine = await StartAsync(provider, keepMonths: null, batchSize: 10_000);
        await HistoryAsync(engine);
        await UpdateRecordsAsync(engine);
        await RecountAsync(engine);
        var count = (await engine.EventsAsync()).Count;

        var result = await RunJobAsync(engine);

        Assert.Equal((0, 0L, (DateTime?)null), (result.MonthsRemoved, result.RowsDeleted, result.KeptFrom));
        Assert.Equal(count, (await engine.EventsAsync()).Count);
    }

    [PostgreSqlFact]
    public async Task OnPostgreSql_PartitionsAreCreatedAhead_AndAnInsertWithoutOneLandsInTheDefaultPartition()
    {
        await using var engine = await StartAsync(TestDatabase.PostgreSql, keepMonths: null, batchSize: 10_000);

        // 2026-03-02: this month and the next two.
        var result = await RunJobAsync(engine);
        var partitions = await PartitionsAsync(engine);
        Assert.Contains("StockAndFlow_FlowEvents_2026m03", partitions);
        Assert.Contains("StockAndFlow_FlowEvents_2026m04", partitions);
        Assert.Contains("StockAndFlow_FlowEvents_2026m05", partitions);
        Assert.Contains("StockAndFlow_FlowEvents_default", partitions);
        Assert.Equal(0, (await RunJobAsync(engine)).PartitionsCreated);
        Assert.InRange(result.PartitionsCreated, 1, 3);

        // A month far ahead has no partition of its own: the insert lands in the default partition.
        var future = new DateTime(2031, 5, 14, 8, 0, 0, DateTimeKind.Utc);
        await using (var db = engine.NewContext())
        {
            db.Add(new FlowEvent { Flow = "signup", SubjectType = nameof(User), SubjectKey = "7", Sink = "active", OccurredAt = future });
            await db.SaveChangesAsync();
        }

        Assert.DoesNotContain("StockAndFlow_FlowEvents_2031m05", partitions);
        Assert.Equal(["StockAndFlow_FlowEvents_default"], await HoldersAsync(engine, future));

        // When that month comes near, its partition is created and the row moves into it.
        engine.Time.SetUtcNow(new DateTimeOffset(2031, 4, 10, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(3, (await RunJobAsync(engine)).PartitionsCreated);
        Assert.Equal(["StockAndFlow_FlowEvents_2031m05"], await HoldersAsync(engine, future));
        Assert.Equal(future, Assert.Single(await engine.EventsAsync()).OccurredAt);
    }

    [Fact]
    public async Task TheSettingIsBoundFromTheRetentionSection_AndOffByDefault()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Retention:FlowEventMonths"] = "6", ["Retention:DeleteBatchSize"] = "500" })
            .Build();
        var services = new ServiceCollection();
        services.AddStockAndFlow<TestDbContext>(configuration);

        await using var provided = services.BuildServiceProvider();
        var options = provided.GetRequiredService<Microsoft.Extensions.Options.IOptions<StockAndFlowRetentionOptions>>().Value;

        Assert.Equal((6, 500, 2), (options.FlowEventMonths, options.DeleteBatchSize, options.PartitionsAhead));
        Assert.Null(new StockAndFlowRetentionOptions().FlowEventMonths);
        Assert.Equal("0 4 * * *", new StockAndFlowJobsOptions().FlowEventRetentionCron);
    }

    internal static void Define(StockAndFlowBuilder sf)
    {
        var active = sf.Stock<User>("active", u => u.IsActive).Facet("region", u => u.Region);
        var inactive = sf.Stock<User>("inactive", u => !u.IsActive);
        sf.Flow<User>("signup").From(Stock.External).To(active);
        sf.Flow<User>("lapse").From(active).To(inactive);
    }

    private static async Task<Engine> StartAsync(string provider, int? keepMonths, int batchSize)
    {
        var engine = await Engine.StartAsync(provider, Define, services => services.Configure<StockAndFlowRetentionOptions>(o =>
        {
            o.FlowEventMonths = keepMonths;
            o.DeleteBatchSize = batchSize;
        }));
        await using var db = engine.NewContext();
        await db.PartitionStockAndFlowEventsAsync();
        return engine;
    }

    // Each month from March to July: the job on its 1st (creating partitions ahead, removing nothing
    // yet), sign-ups and lapses on its 3rd to 7th; the clock ends on July 20.
    private static async Task HistoryAsync(Engine engine)
    {
        var next = 0;
        foreach (var month in Months)
        {
            var first = new DateTimeOffset(month.AddHours(1));
            engine.Time.SetUtcNow(first > engine.Time.GetUtcNow() ? first : engine.Time.GetUtcNow());
            Assert.Equal(0, (await RunJobAsync(engine)).MonthsRemoved);
            for (var day = 3; day <= 7; day++)
            {
                engine.Time.SetUtcNow(month.AddDays(day - 1).AddHours(10));
                await SaveMonthAsync(engine, next, signups: 3, lapses: 1);
                next += 3;
            }
        }

        engine.Time.SetUtcNow(new DateTimeOffset(2026, 7, 20, 12, 0, 0, TimeSpan.Zero));
    }

    private static async Task SaveMonthAsync(Engine engine, int first, int signups, int lapses)
    {
        await using var db = engine.NewContext();
        string[] regions = ["eu", "us", "apac"];
        db.Users.AddRange(Enumerable.Range(first, signups).Select(i => new User { Name = "u" + i, Region = regions[i % 3] }));
        await db.SaveChangesAsync();
        foreach (var user in await db.Users.Where(u => u.IsActive).OrderBy(u => u.Id).Take(lapses).ToListAsync())
        {
            user.IsActive = false;
        }

        await db.SaveChangesAsync();
    }

    private static async Task UpdateRecordsAsync(Engine engine)
    {
        await using var db = engine.NewContext();
        await engine.Services.GetRequiredService<FlowRecordUpdater>().UpdateAsync(db);
    }

    private static async Task RecountAsync(Engine engine)
    {
        await using var db = engine.NewContext();
        await engine.Services.GetRequiredService<StockRecounter>().RecountAsync(db, engine.Model.Stocks, engine.Time.GetUtcNow().UtcDateTime);
    }

    private static Task<FlowEventRetentionResult> RunJobAsync(Engine engine) =>
        engine.Services.GetRequiredService<FlowEventRetentionJob>().RunAsync(CancellationToken.None);

    private static (long, string, string, DateTime) Row(FlowEvent e) => (e.Id, e.Flow, e.SubjectKey, e.OccurredAt);

    private static async Task<List<(string, string, bool, string, Period, DateTime, long)>> RecordsAsync(Engine engine)
    {
        await using var db = engine.NewContext();
        var records = await db.Set<FlowRecord>().AsNoTracking().ToListAsync();
        return [.. records.Select(r => (r.Flow, r.Facet, r.IsNull, r.Value, r.Period, r.BucketStart, r.Count)).Order()];
    }

    private static async Task<(string Recounts, string Bridges)> RecountsAndBridgesAsync(Engine engine)
    {
        await using var db = engine.NewContext();
        var recounts = await db.Set<Recount>().AsNoTracking().OrderBy(r => r.Id).Select(r => new { r.Id, r.Stock, r.EventMark, r.Total }).ToListAsync();
        var lines = await db.Set<BridgeLine>().AsNoTracking().OrderBy(l => l.Id).Select(l => new { l.RecountId, l.Facet, l.Value, l.Term, l.Flow, l.Amount }).ToListAsync();
        Assert.NotEmpty(lines);
        return (string.Join(";", recounts), string.Join(";", lines));
    }

    private static async Task<List<string>> PartitionsAsync(Engine engine)
    {
        await using var db = engine.NewContext();
        return await db.Database.SqlQueryRaw<string>(
            """
            SELECT c.relname::text AS "Value" FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = '"StockAndFlow_FlowEvents"'::regclass ORDER BY 1
            """).ToListAsync();
    }

    private static async Task<List<string>> HoldersAsync(Engine engine, DateTime occurredAt)
    {
        await using var db = engine.NewContext();
        var names = await db.Database.SqlQuery<string>(
            $"""SELECT DISTINCT tableoid::regclass::text AS "Value" FROM "StockAndFlow_FlowEvents" WHERE "OccurredAt" = {occurredAt}""")
            .ToListAsync();
        return [.. names.Select(n => n.Trim('"'))];
    }
}
