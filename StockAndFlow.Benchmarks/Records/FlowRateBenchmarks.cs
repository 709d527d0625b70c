using StockAndFlow.Reading;
using StockAndFlow.Storage;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StockAndFlow.Benchmarks.Data;
using StockAndFlow.Benchmarks.Model;
using StockAndFlow.Definitions;

namespace StockAndFlow.Benchmarks.Records;

/// <summary>
/// P4: a one-year daily rate series of one flow over 10 M flow events in SQLite. Ours
/// (<see cref="FlowRates"/>) reads the day records and counts the open day live from the events; the
/// baseline is a hand-written GROUP BY day over the events on the engine's (Flow, OccurredAt) index.
/// A monthly series of ours shows what a longer open bucket costs: the open month is counted live.
/// </summary>
/// <remarks>
/// The events and their flow records are built once, untimed (<see cref="FlowEventYear"/>); the clock
/// is fixed on the afternoon of the year's last day, so both series end with that open day.
/// </remarks>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
public class FlowRateBenchmarks
{
    public const int Events = 10_000_000;

    private ServiceProvider _services = null!;
    private FlowRates _rates = null!;
    private Flow _flow = null!;
    private SqliteConnection _connection = null!;
    private DbContextOptions<BenchmarkDbContext> _options = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var path = await FlowEventYear.EnsureAsync(Events);
        _services = FlowEventYear.Services();
        _rates = _services.GetRequiredService<FlowRates>();
        _flow = _services.GetRequiredService<StockAndFlowModel>().FindFlow(MemberFlows.Measured)
            ?? throw new InvalidOperationException($"The model has no flow '{MemberFlows.Measured}'.");
        _connection = new SqliteConnection(BenchmarkDatabase.ConnectionString(path));
        await _connection.OpenAsync();
        _options = BenchmarkDatabase.Options(_connection);

        // The baseline must be the index range scan it claims to be.
        var plan = await HandWrittenFlowRates.ExplainAsync(_connection, MemberFlows.Measured, FlowEventYear.Start, FlowEventYear.End);
        if (!plan.Contains("COVERING INDEX IX_StockAndFlow_FlowEvents_Flow_OccurredAt", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The hand-written query does not scan the (Flow, OccurredAt) index:{Environment.NewLine}{plan}");
        }

        // Every point of every series must agree before any of them is timed.
        var baseline = await HandWrittenGroupBy();
        var days = (FlowEventYear.End - FlowEventYear.Start).Days;
        if (baseline.Count != days || baseline.Sum(p => p.Value) == 0 || baseline[^1].Value == 0)
        {
            throw new InvalidOperationException($"The hand-written series has {baseline.Count} days, {baseline.Sum(p => p.Value)} events; expected {days} days ending with an open day that has events.");
        }

        AssertSame(nameof(Ours), await Ours(), baseline);
        var months = baseline
            .GroupBy(p => new DateTime(p.BucketStart.Year, p.BucketStart.Month, 1, 0, 0, 0, DateTimeKind.Utc))
            .Select(g => new SeriesPoint(g.Key, g.Sum(p => p.Value)))
            .ToList();
        AssertSame(nameof(OursMonthly), await OursMonthly(), months);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _connection.DisposeAsync();
        await _services.DisposeAsync();
    }

    // Benchmark methods keep the short names of the report; the async work lives in *Async helpers.
    [Benchmark]
    public Task<IReadOnlyList<SeriesPoint>> Ours() => ReadOursAsync(Period.Day);

    [Benchmark]
    public Task<IReadOnlyList<SeriesPoint>> OursMonthly() => ReadOursAsync(Period.Month);

    [Benchmark(Baseline = true)]
    public Task<IReadOnlyList<SeriesPoint>> HandWrittenGroupBy() =>
        HandWrittenFlowRates.ReadDailyAsync(_connection, MemberFlows.Measured, FlowEventYear.Start, FlowEventYear.End);

    private async Task<IReadOnlyList<SeriesPoint>> ReadOursAsync(Period period)
    {
        await using var db = new BenchmarkDbContext(_options);
        return await _rates.ReadAsync(db, _flow, FlowEventYear.Start, FlowEventYear.End, period);
    }

    private static void AssertSame(string name, IReadOnlyList<SeriesPoint> actual, IReadOnlyList<SeriesPoint> expected)
    {
        if (actual.Count != expected.Count)
        {
            throw new InvalidOperationException($"{name} has {actual.Count} points; the hand-written series {expected.Count}.");
        }

        for (var i = 0; i < actual.Count; i++)
        {
            if (actual[i] != expected[i])
            {
                throw new InvalidOperationException($"{name} has {actual[i]} where the hand-written series has {expected[i]}.");
            }
        }
    }
}
