using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using StockAndFlow.Benchmarks.Data;
using StockAndFlow.Benchmarks.Model;
using StockAndFlow.Counting;
using StockAndFlow.Definitions;
using StockAndFlow.Reading;

namespace StockAndFlow.Benchmarks.Counting;

/// <summary>
/// P7 on PostgreSQL: the live counts of the four stocks and their 160 facet values over N members,
/// with <see cref="Moves"/> captured moves since the last recount. Ours (<see cref="LiveCounts"/>: the
/// recount plus the flow events and stock changes since, through their indexes) against a full recount
/// (<see cref="StockCounter"/>, what every live count cost before).
/// </summary>
/// <remarks>
/// Set-up, once per run: the member table (generated once), the engine's tables emptied, a recount, then
/// <see cref="Moves"/> members (ids 997 apart) moved one status on through SaveChanges with the
/// capture interceptor, <see cref="MovesPerSave"/> a save, so the events and stock changes are the ones
/// capture writes.
/// </remarks>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public class LiveCountBenchmarks
{
    public const int Moves = 10_000;
    public const int MovesPerSave = 100;
    private const long Stride = 997;

    private StockAndFlowModel _model = null!;
    private ServiceProvider _services = null!;
    private DbContextOptions<BenchmarkDbContext> _options = null!;
    private LiveCounts _live = null!;
    private StockCounter _counter = null!;

    [Params(10_000_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var connectionString = await PostgreSqlBenchmarkDatabase.EnsureMembersAsync("members", Rows);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddStockAndFlow<BenchmarkDbContext>().AddDefinition(new MemberStocks());
        _services = services.BuildServiceProvider();

        // The engine's own model: live counts know a stock by the flows of the model it belongs to.
        _model = _services.GetRequiredService<StockAndFlowModel>();
        _options = PostgreSqlBenchmarkDatabase.Options(connectionString);
        _counter = _services.GetRequiredService<StockCounter>();
        _live = _services.GetRequiredService<LiveCounts>();

        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await PostgreSqlBenchmarkDatabase.ExecuteAsync(connection, """TRUNCATE "StockAndFlow_FlowEvents", "StockAndFlow_StockChanges", "StockAndFlow_Recounts", "StockAndFlow_BridgeLines", "StockAndFlow_StockRecords", "StockAndFlow_StockFacetRecords" """);
        }

        await using (var db = new BenchmarkDbContext(_options))
        {
            await _services.GetRequiredService<StockRecounter>().RecountAsync(db, _model.Stocks, DateTime.UtcNow);
        }

        // 100 saves of 100 moves: capture sums a save's stock changes, so one save of all 10 000 would
        // leave live counts far fewer rows to read than saves made by an application do. Ids 997 apart:
        // the generated regions and plans repeat with the id, and a round stride would pick few values.
        var captured = PostgreSqlBenchmarkDatabase.Options(connectionString, o => o.AddStockAndFlowCapture(_services));
        for (var save = 0; save < Moves / MovesPerSave; save++)
        {
            await using var db = new BenchmarkDbContext(captured);
            var ids = Enumerable.Range(save * MovesPerSave, MovesPerSave).Select(k => 1 + (Stride * k % Rows)).ToList();
            var members = await db.Members.Where(m => ids.Contains(m.Id)).ToListAsync();
            members.ForEach(m => m.Status = MemberStocks.Next(m.Status));
            await db.SaveChangesAsync();
        }

        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await PostgreSqlBenchmarkDatabase.ExecuteAsync(connection, """VACUUM ANALYZE "Members", "StockAndFlow_FlowEvents", "StockAndFlow_StockChanges" """);
        }

        // Both must give every stock's and facet value's count, the same, before either is timed.
        var live = SnapshotNumbers.From(await Ours());
        SnapshotNumbers.AssertSame(nameof(FullRecount), SnapshotNumbers.From(await FullRecount()), nameof(Ours), live);
        await using (var db = new BenchmarkDbContext(_options))
        {
            var events = await db.Set<StockAndFlow.Storage.FlowEvent>().LongCountAsync();
            if (events != Moves)
            {
                throw new InvalidOperationException($"{events} flow events since the recount; expected {Moves}.");
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark]
    public Task<IReadOnlyList<StockCount>> Ours() => CountAsync(live: true);

    [Benchmark(Baseline = true)]
    public Task<IReadOnlyList<StockCount>> FullRecount() => CountAsync(live: false);

    private async Task<IReadOnlyList<StockCount>> CountAsync(bool live)
    {
        await using var db = new BenchmarkDbContext(_options);
        return live ? await _live.CountAsync(db, _model.Stocks) : await _counter.CountAllAsync(db);
    }
}
