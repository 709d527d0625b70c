using StockAndFlow.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StockAndFlow.Definitions;
using StockAndFlow.Statistics;
using StockAndFlow.Tests.Support;

namespace StockAndFlow.Tests.Statistics;

public sealed class StatisticsStoreTests
{
    [Fact]
    public async Task Register_Again_UpdatesNameAndDescription_AndKeepsIdentity()
    {
        await using var engine = await Engine.StartAsync(_ => { });
        var store = engine.Services.GetRequiredService<StatisticsStore>();
        await using var db = engine.NewContext();

        var domain = await store.RegisterDomainAsync(db, "shopping", "Shopping");
        var metric = await store.RegisterMetricAsync(db, domain, "order_count", "Orders");
        var domainAgain = await store.RegisterDomainAsync(db, "shopping", "Shop", "Everything sold");
        var metricAgain = await store.RegisterMetricAsync(db, domainAgain, "order_count", "Number of orders", "Paid orders");

        Assert.Equal(domain.Id, domainAgain.Id);
        Assert.Equal(metric.Id, metricAgain.Id);
        Assert.Equal(("Shop", "Everything sold"), (domainAgain.Name, domainAgain.Description));
        Assert.Equal("Number of orders", (await db.Set<StatisticMetric>().SingleAsync()).Name);
    }

    [Fact]
    public async Task Record_IsAnUpsert_WithDecimalsNullsAndAnyKeyType()
    {
        await using var engine = await Engine.StartAsync(_ => { });
        var store = engine.Services.GetRequiredService<StatisticsStore>();
        await using var db = engine.NewContext();
        var domain = await store.RegisterDomainAsync(db, "twitter", "Twitter");
        var metric = await store.RegisterMetricAsync(db, domain, "follower-count", "Followers");
        var day = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        var guid = Guid.Parse("6f9619ff-8b86-d011-b42d-00cf4fc964ff").ToString("D");

        await store.RecordAsync(db, metric.Id, StatisticPeriod.Lifetime, day, 10.5m);
        await store.RecordAsync(db, metric.Id, StatisticPeriod.Lifetime, day, 12.25m);
        await store.RecordAsync(db, metric.Id, StatisticPeriod.Day, day, null);
        await store.RecordAsync(db, metric.Id, StatisticPeriod.Day, day, 3, "Account", guid);
        await store.RecordAsync(db, metric.Id, StatisticPeriod.Day, day, 4, "Account", "handle-b");
        await store.RecordAsync(db, metric.Id, StatisticPeriod.Day, day, 5, "Account", 9_000_000_000L.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var lifetime = await store.QueryAsync(db, new StatisticQuery([metric.Id], StatisticPeriod.Lifetime));
        Assert.Equal(12.25m, Assert.Single(lifetime).Value);
        var daily = await store.QueryAsync(db, new StatisticQuery([metric.Id], StatisticPeriod.Day));
        Assert.Null(Assert.Single(daily).Value);
        var byObject = await store.QueryAsync(db, new StatisticQuery([metric.Id], StatisticPeriod.Day, day, day.AddDays(1), "Account", [guid, "handle-b"]));
        Assert.Equal([3m, 4m], byObject.Select(s => s.Value!.Value).Order());
    }

    [Theory, AllProviders]
    public async Task Record_ByTheMetricDeclaredInCode_WithoutADate_IsTodayInTheReportingTimeZone(string provider)
    {
        MetricDefinition orders = null!;
        await using var engine = await Engine.StartAsync(
            provider,
            sf => orders = sf.Domain("shop", "Shop").Metric("orders", "Orders"),
            options: o => o.ReportingTimeZone = "Pacific/Auckland");
        var store = engine.Services.GetRequiredService<StatisticsStore>();
        await using var db = engine.NewContext();

        // 23:30 UTC on 2 March is 12:30 on 3 March in Auckland (UTC+13): "today" is the 3rd there.
        engine.Time.SetUtcNow(new DateTimeOffset(2026, 3, 2, 23, 30, 0, TimeSpan.Zero));
        await store.RecordAsync(db, orders, StatisticPeriod.Day, 7);
        await store.RecordAsync(db, orders, StatisticPeriod.Day, 2, "Customer", "42");
        await store.RecordAsync(db, orders, StatisticPeriod.Lifetime, new DateTime(2026, 3, 1, 11, 0, 0, DateTimeKind.Utc), 30);

        var aucklandMarch3 = new DateTime(2026, 3, 2, 11, 0, 0, DateTimeKind.Utc);
        var day = Assert.Single(await store.ReadAsync(db, orders, StatisticPeriod.Day));
        Assert.Equal((aucklandMarch3, 7m), (day.Date, day.Value));
        Assert.Equal(7m, await store.ValueAsync(db, orders, StatisticPeriod.Day));
        Assert.Equal(2m, await store.ValueAsync(db, orders, StatisticPeriod.Day, objectType: "Customer", objectKey: "42"));
        Assert.Equal(30m, await store.ValueAsync(db, orders, StatisticPeriod.Lifetime, new DateTime(2026, 3, 1, 11, 0, 0, DateTimeKind.Utc)));
        Assert.Null(await store.ValueAsync(db, orders, StatisticPeriod.Lifetime));
        Assert.Equal(("shop", "orders"), (await db.Set<StatisticDomain>().Select(d => d.Ref).SingleAsync(), await db.Set<StatisticMetric>().Select(m => m.Ref).SingleAsync()));
    }

    [Fact]
    public async Task SumAndAverageTrackers_AggregateTheColumn()
    {
        MetricDefinition score = null!;
        MetricDefinition average = null!;
        await using var engine = await Engine.StartAsync(sf =>
        {
            var domain = sf.Domain("social", "Social");
            score = domain.Metric("score-total", "Score");
            average = domain.Metric("score-average", "Average score");
            sf.Track<Comment>(score).SumByDate(c => c.Timestamp, c => c.Score, StatisticPeriod.Day);
            sf.Track<Comment>(average).AverageByDate(c => c.Timestamp, c => c.Score, StatisticPeriod.Day);
        });
        var now = engine.Time.GetUtcNow().UtcDateTime;
        await using var db = engine.NewContext();
        db.Comments.AddRange(new Comment { Timestamp = now, Score = 2.5m }, new Comment { Timestamp = now, Score = 4 }, new Comment { Timestamp = now.AddDays(-1), Score = 1 });
        await db.SaveChangesAsync();

        var store = engine.Services.GetRequiredService<StatisticsStore>();
        var ids = await store.RegisterAsync(db, engine.Model.Domains);
        foreach (var tracker in engine.Model.Trackers)
        {
            await engine.Services.GetRequiredService<TrackerRunner>().RunAsync(db, tracker, ids[tracker.Metric]);
        }

        var sums = await store.QueryAsync(db, new StatisticQuery([ids[score]], StatisticPeriod.Day));
        var averages = await store.QueryAsync(db, new StatisticQuery([ids[average]], StatisticPeriod.Day));
        Assert.Equal([1m, 6.5m], sums.Select(s => s.Value!.Value));
        Assert.Equal([1m, 3.25m], averages.Select(s => s.Value!.Value));
    }

    [Fact]
    public void Build_Throws_ForABadOrDuplicateReference()
    {
        var bad = Assert.Throws<StockAndFlowDefinitionException>(() => StockAndFlowModel.From([new DelegateDefinition(sf => sf.Domain("Shopping Stuff", "x"))]));
        Assert.Contains("kebab or snake case", bad.Message);
        var duplicate = Assert.Throws<StockAndFlowDefinitionException>(() => StockAndFlowModel.From([new DelegateDefinition(sf =>
        {
            var d = sf.Domain("shopping", "Shopping");
            d.Metric("orders", "Orders");
            d.Metric("orders", "Orders again");
        })]));
        Assert.Contains("unique within their domain", duplicate.Message);
    }
}
