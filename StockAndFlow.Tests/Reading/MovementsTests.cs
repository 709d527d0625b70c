using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StockAndFlow.Definitions;
using StockAndFlow.Reading;
using StockAndFlow.Storage;
using StockAndFlow.Tests.Support;

namespace StockAndFlow.Tests.Reading;

/// <summary>Transition matrix, dwell times and cohorts, each checked against a brute-force pass over the same events.</summary>
public sealed class MovementsTests
{
    [Theory]
    [AllProviders]
    public async Task TransitionsAndDwellTimes_EqualABruteForceComputationOverTheEvents(string provider)
    {
        await using var engine = await StartAsync(provider);
        await PlayAsync(engine, new Random(11), days: 40);
        var events = await engine.EventsAsync();
        var movements = engine.Services.GetRequiredService<Movements>();
        await using var db = engine.NewContext();
        var from = events.Min(e => e.OccurredAt).AddDays(5);
        var to = events.Max(e => e.OccurredAt).AddDays(-5);

        var transitions = await movements.TransitionsAsync(db, engine.Model, typeof(User), from, to);
        var dwell = await movements.DwellTimesAsync(db, engine.Model, typeof(User), from, to);

        var inRange = events.Where(e => e.OccurredAt >= from && e.OccurredAt < to).ToList();
        var expected = inRange.GroupBy(e => (e.Source, e.Sink))
            .Select(g => (g.Key.Source, g.Key.Sink, Count: (long)g.Count(), Share: (double)g.Count() / inRange.Count(e => e.Source == g.Key.Source)))
            .OrderBy(t => t.Source).ThenBy(t => t.Sink).ToList();
        Assert.Equal(expected.Select(t => (t.Source, t.Sink, t.Count)), transitions.Select(t => (t.Source, t.Sink, t.Count)).OrderBy(t => t.Source).ThenBy(t => t.Sink));
        Assert.All(transitions, t => Assert.Equal(expected.Single(x => x.Source == t.Source && x.Sink == t.Sink).Share, t.Share, 9));
        Assert.True(transitions.Count >= 4, $"Only {transitions.Count} kinds of move happened.");

        foreach (var stock in new[] { "active", "inactive" })
        {
            var stays = inRange.Where(e => e.Source == stock)
                .Select(left => (Left: left, Entered: events.Where(x => x.SubjectKey == left.SubjectKey && x.Sink == stock && (x.OccurredAt < left.OccurredAt || (x.OccurredAt == left.OccurredAt && x.Id < left.Id))).MaxBy(x => (x.OccurredAt, x.Id))))
                .Where(s => s.Entered is not null)
                .Select(s => s.Left.OccurredAt - s.Entered!.OccurredAt)
                .Order().ToList();
            var actual = dwell.Single(d => d.Stock == stock);
            Assert.Equal(stays.Count, actual.Leaves);
            Assert.True(stays.Count > 5, $"Only {stays.Count} leaves from {stock}.");
            Assert.Equal(stays[(int)Math.Ceiling(0.5 * stays.Count) - 1], actual.Median);
            Assert.Equal(stays[(int)Math.Ceiling(0.9 * stays.Count) - 1], actual.Percentile90);
        }
    }

    [Theory]
    [AllProviders]
    public async Task Cohorts_GiveTheShareOfEachWeeksEntrantsInEachStockAtTheEndOfEveryLaterWeek(string provider)
    {
        await using var engine = await StartAsync(provider);
        await PlayAsync(engine, new Random(5), days: 35);
        var events = await engine.EventsAsync();
        var movements = engine.Services.GetRequiredService<Movements>();
        var calendar = engine.Services.GetRequiredService<PeriodCalendar>();
        await using var db = engine.NewContext();
        var now = engine.Time.GetUtcNow().UtcDateTime;
        var from = events.Min(e => e.OccurredAt);

        var cohorts = await movements.CohortsAsync(db, engine.Model, engine.Model.FindStock("active")!, Period.Week, from, now, now);

        Assert.True(cohorts.Count >= 5);
        foreach (var cohort in cohorts)
        {
            var next = calendar.NextBucketStart(cohort.BucketStart, Period.Week);
            var members = events.Where(e => e.Sink == "active" && e.OccurredAt >= cohort.BucketStart && e.OccurredAt < next).Select(e => e.SubjectKey).Distinct().ToList();
            Assert.Equal(members.Count, cohort.Entered);
            var end = calendar.NextBucketStart(next, Period.Week);
            foreach (var later in cohort.Later)
            {
                var at = end;
                foreach (var place in new[] { "active", "inactive", "" })
                {
                    var there = members.Count(m => (events.Where(e => e.SubjectKey == m && e.OccurredAt < at).MaxBy(e => (e.OccurredAt, e.Id))?.Sink ?? "") == place);
                    Assert.Equal((double)there / members.Count, later.GetValueOrDefault(place), 9);
                }

                end = calendar.NextBucketStart(end, Period.Week);
            }
        }

        Assert.Contains(cohorts, c => c.Later.Count >= 3 && c.Later[^1].GetValueOrDefault("active") < 1);
    }

    [Theory]
    [AllProviders]
    public async Task MemberAges_CountEachCurrentMemberBySinceItsLatestEntry(string provider)
    {
        await using var engine = await StartAsync(provider);
        await PlayAsync(engine, new Random(17), days: 120);
        var events = await engine.EventsAsync();
        var now = engine.Time.GetUtcNow().UtcDateTime;
        await using var db = engine.NewContext();

        var ages = await engine.Services.GetRequiredService<Movements>().MemberAgesAsync(db, engine.Model, typeof(User), now);

        var latest = events.GroupBy(e => e.SubjectKey).Select(g => g.MaxBy(e => (e.OccurredAt, e.Id))!).Where(e => e.Sink is not null).ToList();
        foreach (var stock in new[] { "active", "inactive" })
        {
            var expected = Movements.AgeBands.Select((band, i) => (long)latest.Count(e => e.Sink == stock
                && now - e.OccurredAt >= band.From && (i == Movements.AgeBands.Count - 1 || now - e.OccurredAt < Movements.AgeBands[i + 1].From))).ToList();
            Assert.Equal(expected, ages.Single(a => a.Stock == stock).Counts);
            Assert.Equal(await db.Users.CountAsync(u => stock == "active" ? u.IsActive : !u.IsActive), expected.Sum());
        }

        Assert.True(ages.Single(a => a.Stock == "active").Counts.Count(c => c > 0) >= 3, "The history should spread members over several bands.");
    }

    private static Task<Engine> StartAsync(string provider) => Engine.StartAsync(provider, sf =>
    {
        var active = sf.Stock<User>("active", u => u.IsActive);
        var inactive = sf.Stock<User>("inactive", u => !u.IsActive);
        sf.Flow<User>("joining").From(Stock.External).To(active, inactive);
        sf.Flow<User>("lapsing").From(active).To(inactive);
        sf.Flow<User>("returning").From(inactive).To(active);
        sf.Flow<User>("leaving").From(active, inactive).To(Stock.External);
    });

    // Users join, lapse, return and leave at random over the days, each change saved at its own time.
    private static async Task PlayAsync(Engine engine, Random random, int days)
    {
        await using var db = engine.NewContext();
        var users = new List<User>();
        for (var day = 0; day < days; day++)
        {
            for (var i = random.Next(1, 6); i > 0; i--)
            {
                engine.Time.Advance(TimeSpan.FromMinutes(random.Next(1, 200)));
                switch (random.Next(10))
                {
                    case < 4:
                        var user = new User { IsActive = random.Next(4) > 0 };
                        users.Add(user);
                        db.Users.Add(user);
                        break;
                    case < 9 when users.Count > 0:
                        var changed = users[random.Next(users.Count)];
                        changed.IsActive = !changed.IsActive;
                        break;
                    default:
                        if (users.Count > 3)
                        {
                            var gone = users[random.Next(users.Count)];
                            users.Remove(gone);
                            db.Users.Remove(gone);
                        }

                        break;
                }

                await db.SaveChangesAsync();
            }

            engine.Time.Advance(TimeSpan.FromHours(random.Next(12, 30)));
        }
    }
}
