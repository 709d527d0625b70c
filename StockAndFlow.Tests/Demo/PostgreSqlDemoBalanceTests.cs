using StockAndFlow.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StockAndFlow.Definitions;
using StockAndFlow.Tests.Support;

namespace StockAndFlow.Tests.Demo;

/// <summary>
/// The balance identity on PostgreSQL: a quarter of demo history played through the real engine into
/// PostgreSQL, then for every stock and consecutive daily snapshots, record(day2) − record(day1) equals
/// the events into the stock minus the events out of it between the two snapshot instants.
/// </summary>
public sealed class PostgreSqlDemoBalanceTests
{
    [PostgreSqlFact]
    public async Task DailyRecordsBalanceWithTheFlowEventsBetweenThemOnPostgreSql()
    {
        await using var database = await PostgreSqlTestDatabase.CreateOnServerAsync();
        var settings = new Dictionary<string, string?> { ["StockAndFlow:Demo:HistoryDays"] = "90" };
        await using var host = await DemoHost.StartAsync(new FakeTimeProvider(DemoHistoryFixture.Now), settings, "Europe/Amsterdam", database.ConnectionString);
        await host.SeedAsync();

        await using var scope = host.NewScope(out var db);
        var records = (await db.Set<StockRecord>().AsNoTracking().Where(r => r.Period == Period.Day).ToListAsync())
            .GroupBy(r => r.Stock).ToDictionary(g => g.Key, g => g.OrderBy(r => r.BucketStart).ToList());
        var events = await db.Set<FlowEvent>().AsNoTracking().OrderBy(e => e.OccurredAt).ThenBy(e => e.Id).ToListAsync();
        var model = host.Services.GetRequiredService<StockAndFlowModel>();

        Assert.True(events.Count > 100, $"Only {events.Count} events in 90 simulated days.");
        foreach (var stock in model.Stocks)
        {
            var days = records[stock.Slug];
            Assert.True(days.Count >= 89, $"{stock.Slug} has {days.Count} daily records.");
            for (var i = 1; i < days.Count; i++)
            {
                var (previous, record) = (days[i - 1], days[i]);
                var between = events.Where(e => e.OccurredAt > previous.CountedAt && e.OccurredAt <= record.CountedAt)
                    .Sum(e => (e.Sink == stock.Slug ? 1 : 0) - (e.Source == stock.Slug ? 1 : 0));
                Assert.True(
                    record.Count - previous.Count == between,
                    $"{stock.Slug}: {previous.BucketStart:yyyy-MM-dd} counted {previous.Count}, {record.BucketStart:yyyy-MM-dd} counted {record.Count}, but the events between add up to {between}.");
            }
        }
    }
}
