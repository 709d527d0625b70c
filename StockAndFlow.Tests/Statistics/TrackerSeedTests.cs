using StockAndFlow.Definitions;
using StockAndFlow.Storage;
using Microsoft.Extensions.DependencyInjection;
using StockAndFlow.Statistics;
using StockAndFlow.Tests.Support;

namespace StockAndFlow.Tests.Statistics;

/// <summary>django-trackstats' tracker tests, re-expressed: 1–5 comments a day for 7 days by 5 users.</summary>
public sealed class TrackerSeedTests
{
    private static MetricDefinition _metric = null!;

    [Theory]
    [AllProviders]
    public async Task LifetimeTracker_WritesACumulativeValueForEveryDay_IncludingToday(string provider)
    {
        await using var engine = await StartAsync(provider, t => t.CountByDate(c => c.Timestamp, StatisticPeriod.Lifetime));
        var comments = await SeedAsync(engine);

        var stats = await RunAsync(engine, StatisticPeriod.Lifetime);

        var today = engine.Time.GetUtcNow().UtcDateTime.Date;
        Assert.Equal(Enumerable.Range(0, 7).Select(i => today.AddDays(i - 6)), stats.Select(s => s.Date));
        var running = 0;
        foreach (var stat in stats)
        {
            running += comments.Count(c => c.Timestamp.Date == stat.Date);
            Assert.Equal(running, stat.Value);
        }

        Assert.Equal(comments.Count, stats[^1].Value);
    }

    [Theory]
    [AllProviders]
    public async Task DayTracker_WritesOneRowForEachDayWithData(string provider)
    {
        await using var engine = await StartAsync(provider, t => t.CountByDate(c => c.Timestamp, StatisticPeriod.Day));
        var comments = await SeedAsync(engine, skipDay: 3);

        var stats = await RunAsync(engine, StatisticPeriod.Day);

        var expected = comments.GroupBy(c => c.Timestamp.Date).OrderBy(g => g.Key).Select(g => (g.Key, (decimal?)g.Count())).ToList();
        Assert.Equal(expected, stats.Select(s => (s.Date, s.Value)));
        Assert.Equal(6, stats.Count);
    }

    [Theory]
    [AllProviders]
    public async Task ByObjectTrackers_WriteValuesPerUser(string provider)
    {
        await using var engine = await StartAsync(provider, t => t
            .CountByDateAndObject<User, int>(c => c.Timestamp, c => c.UserId, StatisticPeriod.Day, StatisticPeriod.Lifetime));
        var comments = await SeedAsync(engine);

        var days = await RunAsync(engine, StatisticPeriod.Day, nameof(User));
        var lifetime = await RunAsync(engine, StatisticPeriod.Lifetime, nameof(User));

        var expected = comments.GroupBy(c => (c.Timestamp.Date, c.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToDictionary(g => g.Key, g => (decimal?)g.Count());
        Assert.Equal(expected.OrderBy(e => e.Key), days.ToDictionary(s => (s.Date, s.ObjectKey), s => s.Value).OrderBy(e => e.Key));
        var today = engine.Time.GetUtcNow().UtcDateTime.Date;
        foreach (var user in comments.Select(c => c.UserId).Distinct())
        {
            var key = user.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(comments.Count(c => c.UserId == user), lifetime.Single(s => s.ObjectKey == key && s.Date == today).Value);
        }
    }

    [Theory]
    [AllProviders]
    public async Task Trackers_AreIncremental_AndRecomputeTheLastBucket(string provider)
    {
        await using var engine = await StartAsync(provider, t => t.CountByDate(c => c.Timestamp, StatisticPeriod.Day, StatisticPeriod.Lifetime, StatisticPeriod.Days28, StatisticPeriod.Week, StatisticPeriod.Month));
        var comments = await SeedAsync(engine);
        await RunAsync(engine, StatisticPeriod.Day);

        // More comments today (an open bucket) and tomorrow.
        await using (var db = engine.NewContext())
        {
            var now = engine.Time.GetUtcNow().UtcDateTime;
            db.Comments.AddRange(new Comment { UserId = 1, Timestamp = now.AddMinutes(5) }, new Comment { UserId = 2, Timestamp = now.AddMinutes(6) });
            await db.SaveChangesAsync();
            engine.Time.Advance(TimeSpan.FromDays(1));
            db.Comments.Add(new Comment { UserId = 3, Timestamp = engine.Time.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync();
        }

        var day = await RunAsync(engine, StatisticPeriod.Day);
        var lifetime = await RunAsync(engine, StatisticPeriod.Lifetime);
        var rolling = await RunAsync(engine, StatisticPeriod.Days28);
        var month = await RunAsync(engine, StatisticPeriod.Month);

        var today = engine.Time.GetUtcNow().UtcDateTime.Date;
        Assert.Equal(comments.Count(c => c.Timestamp.Date == today.AddDays(-1)) + 2, day.Single(s => s.Date == today.AddDays(-1)).Value);
        Assert.Equal(1, day.Single(s => s.Date == today).Value);
        Assert.Equal(comments.Count + 3, lifetime.Single(s => s.Date == today).Value);
        Assert.Equal(comments.Count + 3, rolling.Single(s => s.Date == today).Value);
        Assert.Equal(comments.Count + 3, month.Sum(s => s.Value));
    }

    private static async Task<Engine> StartAsync(string provider, Action<TrackerBuilder<Comment>> track) =>
        await Engine.StartAsync(provider, sf =>
        {
            _metric = sf.Domain("social", "Social").Metric("comment_count", "Comments");
            track(sf.Track<Comment>(_metric));
        });

    private static async Task<List<Comment>> SeedAsync(Engine engine, int? skipDay = null)
    {
        var random = new Random(42);
        var today = engine.Time.GetUtcNow().UtcDateTime.Date;
        var comments = new List<Comment>();
        for (var day = 6; day >= 0; day--)
        {
            if (day == skipDay)
            {
                continue;
            }

            for (var i = random.Next(1, 6); i > 0; i--)
            {
                comments.Add(new Comment { UserId = random.Next(1, 6), Timestamp = today.AddDays(-day).AddHours(random.Next(0, 9)).AddMinutes(random.Next(60)), Score = random.Next(1, 10) });
            }
        }

        await using var db = engine.NewContext();
        db.Comments.AddRange(comments);
        await db.SaveChangesAsync();
        return comments;
    }

    private static async Task<List<Statistic>> RunAsync(Engine engine, StatisticPeriod period, string? objectType = null)
    {
        await using var db = engine.NewContext();
        var store = engine.Services.GetRequiredService<StatisticsStore>();
        var ids = await store.RegisterAsync(db, engine.Model.Domains);
        var runner = engine.Services.GetRequiredService<TrackerRunner>();
        foreach (var tracker in engine.Model.Trackers)
        {
            await runner.RunAsync(db, tracker, ids[tracker.Metric]);
        }

        return await store.QueryAsync(db, new StatisticQuery([ids[_metric]], period, ObjectType: objectType));
    }
}
