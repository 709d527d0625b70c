using System.Data.Common;
using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using StockAndFlow.Benchmarks.Data;
using StockAndFlow.Benchmarks.Model;
using StockAndFlow.Counting;
using StockAndFlow.Definitions;

namespace StockAndFlow.Benchmarks.Counting;

/// <summary>
/// P1 on one store: the four stocks of <see cref="MemberStocks"/> counted over <see cref="Rows"/>
/// members by ours (<see cref="StockCounter"/>), django-stockandflow's one COUNT per stock and facet
/// value, and two hand-written shapes (one GROUP BY per stock and facet; one GROUP BY of every status,
/// region and plan). A store's class opens its database; the numbers are checked equal before timing.
/// </summary>
public abstract class SnapshotBenchmarkBase
{
    private readonly StockAndFlowModel _model = StockAndFlowModel.From([new MemberStocks()]);
    private StockCounter _counter = null!;
    private DbConnection _connection = null!;
    private DbContextOptions<BenchmarkDbContext> _options = null!;

    /// <summary>The members in the table.</summary>
    public abstract int Rows { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        (_connection, _options) = await OpenAsync(Rows);
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

    // Benchmark methods keep the short names of the report; the async work lives in *Async helpers.
    [Benchmark]
    public Task<IReadOnlyList<StockCount>> Ours() => CountOursAsync();

    [Benchmark(Baseline = true)]
    public Task<SnapshotNumbers> SeedAlgorithm() => CountSeedAsync();

    [Benchmark]
    public Task<SnapshotNumbers> HandWrittenSql() => HandWrittenStockCounter.CountAsync(_connection);

    [Benchmark]
    public Task<SnapshotNumbers> HandWrittenGroupByAll() => HandWrittenStockCounter.CountGroupedAsync(_connection);

    /// <summary>A table of <paramref name="rows"/> generated members (made once, then reused): an open connection to it and EF options for it.</summary>
    protected abstract Task<(DbConnection Connection, DbContextOptions<BenchmarkDbContext> Options)> OpenAsync(int rows);

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
