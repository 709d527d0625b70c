using Microsoft.Extensions.DependencyInjection;
using StockAndFlow.Admin.Api;
using StockAndFlow.Counting;
using StockAndFlow.Definitions;
using StockAndFlow.Reading;
using StockAndFlow.Storage;
using StockAndFlow.Tests.Support;

namespace StockAndFlow.Tests.Comparison;

/// <summary>
/// The range before a chosen one, and what the admin reads over it, on every provider: the rates and the
/// transition matrix over <see cref="RangeQuery.Previous"/> equal a count of the events in the range
/// before worked out separately from the calendar.
/// </summary>
public sealed class PreviousRangeProviderTests
{
    [Theory]
    [AllProviders]
    public async Task TheRangeBeforeHoldsAsManyDaysAndItsRatesAndMovesAreTheEventsOfThoseDays(string provider)
    {
        await using var engine = await Engine.StartAsync(provider, sf =>
        {
            var active = sf.Stock<User>("active", u => u.IsActive);
            var inactive = sf.Stock<User>("inactive", u => !u.IsActive);
            sf.Flow<User>("joining").From(Stock.External).To(active, inactive);
            sf.Flow<User>("lapsing").From(active).To(inactive);
            sf.Flow<User>("returning").From(inactive).To(active);
        });
        var random = new Random(23);
        await using (var db = engine.NewContext())
        {
            var users = new List<User>();
            for (var step = 0; step < 240; step++)
            {
                engine.Time.Advance(TimeSpan.FromMinutes(random.Next(60, 480)));
                if (users.Count < 5 || random.Next(3) == 0)
                {
                    var user = new User { IsActive = random.Next(3) > 0 };
                    users.Add(user);
                    db.Users.Add(user);
                }
                else
                {
                    var changed = users[random.Next(users.Count)];
                    changed.IsActive = !changed.IsActive;
                }

                await db.SaveChangesAsync();
            }
        }

        var calendar = engine.Services.GetRequiredService<PeriodCalendar>();
        var now = engine.Time.GetUtcNow().UtcDateTime;
        var range = new RangeQuery(calendar.StartOfLastDays(now, 14), now, Period.Day);
        var previous = range.Previous(calendar);

        // Worked out separately: the 14 whole days before the range's first day.
        var expectedFrom = calendar.StartOfLastDays(range.From.AddTicks(-1), 14);
        Assert.Equal((expectedFrom, range.From), (previous.From, previous.To));
        Assert.Equal(calendar.Buckets(range.From, range.To, Period.Day).Count(), calendar.Buckets(previous.From, previous.To, Period.Day).Count());

        var events = await engine.EventsAsync();
        var earlier = events.Where(e => e.OccurredAt >= expectedFrom && e.OccurredAt < range.From).ToList();
        Assert.True(earlier.Count > 20, $"Only {earlier.Count} events in the range before.");

        await using var read = engine.NewContext();
        await engine.Services.GetRequiredService<FlowRecordUpdater>().UpdateAsync(read);
        var lapsing = engine.Model.FindFlow("lapsing")!;
        var rates = await engine.Services.GetRequiredService<FlowRates>().ReadAsync(read, lapsing, previous.From, previous.To, previous.Period);
        var byDay = earlier.Where(e => e.Flow == "lapsing").GroupBy(e => calendar.BucketStart(e.OccurredAt, Period.Day)).ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(14, rates.Count);
        Assert.All(rates, p => Assert.Equal(byDay.GetValueOrDefault(p.BucketStart), p.Value));
        Assert.Equal(earlier.Count(e => e.Flow == "lapsing"), rates.Sum(p => p.Value));

        var moves = await engine.Services.GetRequiredService<Movements>().TransitionsAsync(read, engine.Model, typeof(User), previous.From, previous.To);
        var expected = earlier.GroupBy(e => (e.Source, e.Sink)).Select(g => (g.Key.Source, g.Key.Sink, Count: (long)g.Count())).OrderBy(t => t.Source).ThenBy(t => t.Sink);
        Assert.Equal(expected, moves.Select(m => (m.Source, m.Sink, m.Count)).OrderBy(t => t.Source).ThenBy(t => t.Sink));
    }

    [Theory]
    [InlineData("2026-11-28T10:00:00Z", "2026-10-01T00:00:00Z")]
    [InlineData("2026-03-31T23:00:00Z", "2026-02-01T00:00:00Z")]
    [InlineData("2026-01-15T00:00:00Z", "2025-12-01T00:00:00Z")]
    public void ThisMonthComparesWithLastMonth(string now, string lastMonth)
    {
        var calendar = new PeriodCalendar(TimeZoneInfo.Utc);
        var at = DateTime.Parse(now, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);
        var range = new RangeQuery(calendar.BucketStart(at, Period.Month), at, Period.Month);

        var previous = range.Previous(calendar);

        Assert.Equal(DateTime.Parse(lastMonth, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal), previous.From);
        Assert.Equal(range.From, previous.To);
    }
}
