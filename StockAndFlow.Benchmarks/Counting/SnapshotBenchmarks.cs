using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using StockAndFlow.Benchmarks.Data;
using StockAndFlow.Benchmarks.Model;
using StockAndFlow.Counting;
using StockAndFlow.Definitions;

namespace StockAndFlow.Benchmarks.Counting;

/// <summary>
/// P1: counting four stocks, each with two facets of 20 listed values, over N members in SQLite.
/// Ours (<see cref="StockCounter"/>) against django-stockandflow's one-COUNT-per-value algorithm and against
/// the same set-based queries written by hand (one GROUP BY per stock and facet, and one GROUP BY of every facet).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 3, iterationCount: 10, invocationCount: 1)]
public class SnapshotBenchmarks
{
    private readonly StockAndFlowModel _model = StockAndFlowModel.From([new MemberStocks()]);
    private StockCounter _counter = null!;
    private SqliteConnection _connection = null!;
    private DbContextOptions<BenchmarkDbContext> _options = null!;

    [Params(100_000, 1_000_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var path = BenchmarkDatabase.EnsureMembers("members", Rows);
        _connection = new SqliteConnection(BenchmarkDatabase.ConnectionString(path));
        await _connection.OpenAsync();
        _options = BenchmarkDatabase.Options(_connection);
        _counter = new StockCounter(_model);

        // The algorithms must agree before any of them is timed.
        var ours = SnapshotNumbers.From(await Ours());
        var seed = await SeedAlgorithm();
        var hand = await HandWrittenSql();
        SnapshotNumbers.AssertSame(nameof(Ours), ours, nameof(SeedAlgorithm), seed);
        SnapshotNumbers.AssertSame(nameof(Ours), ours, nameof(HandWrittenSql), hand);
        SnapshotNumbers.AssertSame(nameof(Ours), ours, nameof(HandWrittenGroupByAll), await HandWrittenGroupByAll());
        var members = Enum.GetValues<MemberStatus>().Sum(s => ours[MemberStocks.StockOf[s]]);
        if (members != Rows)
        {
            throw new InvalidOperationException($"The stocks hold {members} members; the table has {Rows}.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _connection.Dispose();

    // Benchmark methods keep the short names of the report; the async work lives in *Async helpers.
    [Benchmark]
    public Task<IReadOnlyList<StockCount>> Ours() => CountOursAsync();

    [Benchmark(Baseline = true)]
    public Task<SnapshotNumbers> SeedAlgorithm() => CountSeedAsync();

    [Benchmark]
    public Task<SnapshotNumbers> HandWrittenSql() => HandWrittenStockCounter.CountAsync(_connection);

    [Benchmark]
    public Task<SnapshotNumbers> HandWrittenGroupByAll() => HandWrittenStockCounter.CountGroupedAsync(_connection);

    private async Task<IReadOnlyList<StockCount>> CountOursAsync()
    {
        await using var db = new BenchmarkDbContext(_options);
        return await _counter.CountAllAsync(db);
    }

    private async Task<SnapshotNumbers> CountSeedAsync()
    {
        await using var db = new BenchmarkDbContext(_options);
        return await SeedStockCounter.CountAsync(db, _model.Stocks);
    }
}
