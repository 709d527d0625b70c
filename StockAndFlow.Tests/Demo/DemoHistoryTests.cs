using StockAndFlow.Storage;
using Microsoft.EntityFrameworkCore;
using StockAndFlow.Web.Demo;

namespace StockAndFlow.Tests.Demo;

public sealed class DemoHistoryTests(DemoHistoryFixture fixture) : IClassFixture<DemoHistoryFixture>
{
    [Fact]
    public void EveryStockHasADayRecordForEveryDayOfTheYear()
    {
        var days = DemoDay.EndingAt(fixture.Calendar, DemoHistoryFixture.Now.UtcDateTime, new DemoOptions().HistoryDays);

        foreach (var stock in fixture.Model.Stocks)
        {
            Assert.True(fixture.DayRecords.TryGetValue(stock.Slug, out var records), $"{stock.Slug} has no day records.");
            Assert.Equal(days.Select(d => d.Start), records.Select(r => r.BucketStart));
            Assert.Equal(days.Select(d => d.SnapshotAt), records.Select(r => r.CountedAt));
        }
    }

    [Fact]
    public void TheYearSpansBothDaylightSavingTransitionsOfTheReportingZone()
    {
        var lengths = DemoDay.EndingAt(fixture.Calendar, DemoHistoryFixture.Now.UtcDateTime, new DemoOptions().HistoryDays)
            .Select(d => (d.End - d.Start).TotalHours)
            .ToList();

        Assert.Contains(23, lengths);
        Assert.Contains(25, lengths);
    }

    [Fact]
    public void EveryFlowHasEventsAndBothDecayRulesMovedLeads()
    {
        var perFlow = fixture.Events.GroupBy(e => e.Flow).ToDictionary(g => g.Key, g => g.ToList());

        foreach (var flow in fixture.Model.Flows)
        {
            Assert.True(perFlow.ContainsKey(flow.Slug), $"Flow {flow.Slug} has no events.");
        }

        Assert.Contains(perFlow["cooling"], e => e.Source == "hot-leads" && e.Sink == "warm-leads");
        Assert.Contains(perFlow["cooling"], e => e.Source == "warm-leads" && e.Sink == "cold-leads");
        Assert.Contains(perFlow["re-engaging"], e => e.Source == "cold-leads");
    }

    [Fact]
    public async Task TheRowsAreModestAndTheSignupsMatchTheCustomers()
    {
        await using var scope = fixture.NewScope(out var db);
        var customers = await db.Customers.CountAsync();
        var leads = await db.Leads.CountAsync();

        Assert.InRange(customers, 300, 5000);
        Assert.InRange(leads, 100, 5000);
        Assert.Equal(customers, fixture.Events.Count(e => e.Flow == "signing-up"));
        Assert.True(await db.Orders.AnyAsync());
    }

    [Fact]
    public async Task FacetValueSharesChangeOverTheYear()
    {
        await using var scope = fixture.NewScope(out var db);
        var facets = await db.Set<StockFacetRecord>().AsNoTracking().Where(r => r.Period == Period.Day).ToListAsync();
        var first = facets.Min(r => r.BucketStart).AddDays(30);
        var last = facets.Max(r => r.BucketStart);

        var shifts = facets
            .GroupBy(r => (r.Stock, r.Facet))
            .ToDictionary(g => g.Key, g => Shift(g.Where(r => r.BucketStart == first), g.Where(r => r.BucketStart == last)));

        // The plan mix moves from starter towards team and enterprise; other facets drift too.
        Assert.True(shifts[("trial-customers", "plan")] >= 0.15, $"The trial plan mix shifted by {shifts[("trial-customers", "plan")]:0.00}.");
        Assert.True(shifts.Count(s => s.Value >= 0.05) >= 3, string.Join(", ", shifts.Select(s => $"{s.Key}: {s.Value:0.00}")));
    }

    [Fact]
    public void DailyRecordsBalanceWithTheFlowEventsBetweenThem()
    {
        foreach (var stock in fixture.Model.Stocks)
        {
            var records = fixture.DayRecords[stock.Slug];

            // Net change of the stock per event, oldest first; the database started empty, so every
            // record must also equal all net change up to its instant.
            var changes = fixture.Events
                .Where(e => e.Sink == stock.Slug || e.Source == stock.Slug)
                .Select(e => (e.OccurredAt, Delta: e.Sink == stock.Slug ? 1 : -1))
                .ToList();
            var next = 0;
            long level = 0;
            StockRecord? previous = null;
            foreach (var record in records)
            {
                // An event stamped at a snapshot's instant would be ambiguous; the seeder never stamps one.
                Assert.DoesNotContain(changes, c => c.OccurredAt == record.CountedAt);
                long between = 0;
                while (next < changes.Count && changes[next].OccurredAt <= record.CountedAt)
                {
                    between += changes[next++].Delta;
                }

                level += between;
                if (previous is not null)
                {
                    Assert.True(
                        record.Count - previous.Count == between,
                        $"{stock.Slug}: {previous.BucketStart:yyyy-MM-dd} counted {previous.Count}, {record.BucketStart:yyyy-MM-dd} counted {record.Count}, " +
                        $"but the events in ({previous.CountedAt:O}, {record.CountedAt:O}] add up to {between}.");
                }

                Assert.Equal(level, record.Count);
                previous = record;
            }
        }
    }

    [Fact]
    public async Task TheHistoryEndsJustBeforeTheRealNowAndTheClockReturnsToIt()
    {
        var now = DemoHistoryFixture.Now.UtcDateTime;
        var lastSnapshot = fixture.DayRecords.Values.SelectMany(r => r).Max(r => r.CountedAt);

        Assert.InRange(lastSnapshot, now.AddMinutes(-5), now);
        Assert.All(fixture.Events, e => Assert.True(e.OccurredAt < lastSnapshot));
        Assert.False(fixture.Clock.IsReplaying);
        Assert.Equal(fixture.RealTime.GetUtcNow(), fixture.Clock.GetUtcNow());

        await using var scope = fixture.NewScope(out var db);
        Assert.True(await db.Set<FlowRecord>().AnyAsync(r => r.Period == Period.Day), "Flow records were not built.");
    }

    [Fact]
    public async Task SeedingASeededDatabaseChangesNothing()
    {
        await fixture.Host.SeedAsync();

        await using var scope = fixture.NewScope(out var db);
        Assert.Equal(fixture.Events.Count, await db.Set<FlowEvent>().CountAsync());
    }

    private static double Shift(IEnumerable<StockFacetRecord> from, IEnumerable<StockFacetRecord> to)
    {
        var before = Shares(from);
        var after = Shares(to);
        return before.Keys.Union(after.Keys).Max(v => Math.Abs(before.GetValueOrDefault(v) - after.GetValueOrDefault(v)));
    }

    private static Dictionary<string, double> Shares(IEnumerable<StockFacetRecord> records)
    {
        var list = records.ToList();
        var total = Math.Max(1, list.Sum(r => r.Count));
        return list.ToDictionary(r => r.IsNull ? "\0null" : r.Value, r => (double)r.Count / total);
    }
}
