using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using StockAndFlow.Benchmarks.Data;
using StockAndFlow.Benchmarks.Model;
using StockAndFlow.Counting;
using StockAndFlow.Definitions;

namespace StockAndFlow.Benchmarks.Counting;

/// <summary>
/// P1 on PostgreSQL: the four stocks of <see cref="MemberStocks"/> counted over N members. Ours
/// (<see cref="StockCounter"/>) against django-stockandflow's one COUNT per stock and facet value, the
/// same shape as ours written by hand, and one hand-written GROUP BY of every (status, region, plan).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public class PostgreSqlSnapshotBenchmarks
{
    private readonly StockAndFlowModel _model = StockAndFlowModel.From([new MemberStocks()]);
    private StockCounter _counter = null!;
    private NpgsqlConnection _connection = null!;
    private DbContextOptions<BenchmarkDbContext> _options = null!;

    /// <summary>The row counts to run: <c>STOCKANDFLOW_BENCH_ROWS</c> (comma-separated), 1 000 000 by default.</summary>
    public static IEnumerable<int> RowCounts() => PostgreSqlBenchmarkDatabase.RowCounts(1_000_000);

    [ParamsSource(nameof(RowCounts))]
    public int Rows { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var connectionString = await PostgreSqlBenchmarkDatabase.EnsureMembersAsync("members", Rows);
        _connection = new NpgsqlConnection(connectionString);
        await _connection.OpenAsync();
        _options = PostgreSqlBenchmarkDatabase.Options(connectionString);
        _counter = new StockCounter(_model);

        // Every algorithm must agree before any of them is timed.
        var ours = SnapshotNumbers.From(await Ours());
        SnapshotNumbers.AssertSame(nameof(Ours), ours, nameof(SeedAlgorithm), await SeedAlgorithm());
        SnapshotNumbers.AssertSame(nameof(Ours), ours, nameof(HandWrittenSql), await HandWrittenSql());
        SnapshotNumbers.AssertSame(nameof(Ours), ours, nameof(HandWrittenGroupByAll), await HandWrittenGroupByAll());
        var members = Enum.GetValues<MemberStatus>().Sum(s => ours[MemberStocks.StockOf[s]]);
        if (members != Rows)
        {
            throw new InvalidOperationException($"The stocks hold {members} members; the table has {Rows}.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _connection.Dispose();

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
