using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using StockAndFlow.Benchmarks.Data;
using StockAndFlow.Benchmarks.Model;
using StockAndFlow.Counting;
using StockAndFlow.Definitions;
using StockAndFlow.Storage;

namespace StockAndFlow.Benchmarks.Retention;

/// <summary>
/// P9 on PostgreSQL: removing one rolled-up month of N flow events with <see cref="FlowEventRetention"/>,
/// on a table partitioned by month (one <c>DROP TABLE</c> of the month's partition) against the same
/// table unpartitioned (what SQLite and SQL Server do: a <c>DELETE</c> of 10 000 rows a statement until
/// the month is empty). Both remove the same rows and keep the same current month.
/// </summary>
/// <remarks>
/// Set-up, before every iteration (not timed): the event table emptied, N events generated in the
/// server in the month three months back (the four flows of the member stocks, ids in time order, every index of the model in
/// place), 10 000 in the current month, the flow record checkpoint and a recount of every stock past
/// them all, and <c>VACUUM ANALYZE</c>. The row count is <c>STOCKANDFLOW_BENCH_RETENTION_EVENTS</c>
/// (default 10 000 000).
/// </remarks>
[MemoryDiagnoser]
[MedianColumn]
[Config(typeof(Iterations))]
public class EventRetentionBenchmarks
{
    /// <summary>
    /// No warm-up, one invocation an iteration (each removes its month), 3 iterations or
    /// <c>STOCKANDFLOW_BENCH_RETENTION_ITERATIONS</c>: every iteration re-seeds N events twice.
    /// </summary>
    public sealed class Iterations : ManualConfig
    {
        public Iterations() => AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(0)
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            .WithIterationCount(Environment.GetEnvironmentVariable("STOCKANDFLOW_BENCH_RETENTION_ITERATIONS") is { Length: > 0 } n ? int.Parse(n, CultureInfo.InvariantCulture) : 3));
    }

    public const int CurrentMonthEvents = 10_000;
    public const int BatchSize = 10_000;

    private const string GenerateSql = """
        INSERT INTO "StockAndFlow_FlowEvents" ("Flow", "SubjectType", "SubjectKey", "Source", "Sink", "OccurredAt")
        SELECT (ARRAY['activation', 'pausing', 'churning', 'winning-back'])[1 + i % 4],
               'Member', (i * 7919 % 10000000)::text,
               (ARRAY['trial-members', 'active-members', 'paused-members', 'churned-members'])[1 + i % 4],
               (ARRAY['active-members', 'paused-members', 'churned-members', 'trial-members'])[1 + i % 4],
               @from + (@span * i / @rows) * interval '1 second'
        FROM generate_series(0::bigint, @rows::bigint - 1) AS i
        ORDER BY i
        """;

    private ServiceProvider _services = null!;
    private StockAndFlowModel _model = null!;
    private FlowEventRetention _retention = null!;
    private string _partitioned = "";
    private string _plain = "";
    private DateTime _oldMonth;
    private DateTime _now;

    /// <summary>Events in the month removed.</summary>
    [ParamsSource(nameof(Sizes))]
    public int Events { get; set; }

    public static IEnumerable<int> Sizes =>
        [Environment.GetEnvironmentVariable("STOCKANDFLOW_BENCH_RETENTION_EVENTS") is { Length: > 0 } n ? int.Parse(n, CultureInfo.InvariantCulture) : 10_000_000];

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddStockAndFlow<BenchmarkDbContext>().AddDefinition(new MemberStocks());
        _services = services.BuildServiceProvider();
        _model = _services.GetRequiredService<StockAndFlowModel>();
        _retention = _services.GetRequiredService<FlowEventRetention>();
        _now = DateTime.UtcNow;
        _oldMonth = FlowEventRetention.MonthStart(_now).AddMonths(-3);
        _partitioned = await CreateAsync("retention_partitioned", partition: true);
        _plain = await CreateAsync("retention_plain", partition: false);
    }

    [GlobalCleanup]
    public Task CleanupAsync() => _services.DisposeAsync().AsTask();

    [IterationSetup(Target = nameof(DropPartition))]
    public void SeedPartitioned() => SeedAsync(_partitioned, partition: true).GetAwaiter().GetResult();

    [IterationSetup(Target = nameof(BatchedDelete))]
    public void SeedPlain() => SeedAsync(_plain, partition: false).GetAwaiter().GetResult();

    [Benchmark]
    public async Task<FlowEventRetentionResult> DropPartition() => Check(await RunAsync(_partitioned), deleted: 0);

    [Benchmark(Baseline = true)]
    public async Task<FlowEventRetentionResult> BatchedDelete() => Check(await RunAsync(_plain), deleted: Events);

    private async Task<FlowEventRetentionResult> RunAsync(string connectionString)
    {
        await using var db = new BenchmarkDbContext(PostgreSqlBenchmarkDatabase.Options(connectionString));
        return await _retention.RunAsync(db, keepMonths: 1, monthsAhead: 2, batchSize: BatchSize);
    }

    // Both remove exactly the one month (the empty month after it counts as kept from then on).
    private FlowEventRetentionResult Check(FlowEventRetentionResult result, long deleted) =>
        result.MonthsRemoved == 1 && result.RowsDeleted == deleted && result.KeptFrom == FlowEventRetention.MonthStart(_now).AddMonths(-1)
            ? result
            : throw new InvalidOperationException($"Expected one month of {Events} events removed, got {result}.");

    private async Task<string> CreateAsync(string name, bool partition)
    {
        var connectionString = PostgreSqlBenchmarkDatabase.ConnectionString(name, Events);
        await using var db = new BenchmarkDbContext(PostgreSqlBenchmarkDatabase.Options(connectionString));
        await db.Database.EnsureDeletedAsync();
        await db.Database.EnsureCreatedAsync();
        if (partition)
        {
            await db.PartitionStockAndFlowEventsAsync();
        }

        return connectionString;
    }

    private async Task SeedAsync(string connectionString, bool partition)
    {
        await using (var db = new BenchmarkDbContext(PostgreSqlBenchmarkDatabase.Options(connectionString)))
        {
            await db.Database.ExecuteSqlRawAsync("""TRUNCATE "StockAndFlow_FlowEvents", "StockAndFlow_Checkpoints", "StockAndFlow_Recounts" RESTART IDENTITY""");
            if (partition)
            {
                await FlowEventPartitions.CreateMonthAsync(db, _oldMonth, default);
                await FlowEventPartitions.CreateMonthAsync(db, FlowEventRetention.MonthStart(_now), default);
            }
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var oldSpan = (long)(_oldMonth.AddMonths(1) - _oldMonth).TotalSeconds;
        await GenerateAsync(connection, Events, _oldMonth, oldSpan);
        var thisMonth = FlowEventRetention.MonthStart(_now);
        await GenerateAsync(connection, CurrentMonthEvents, thisMonth, (long)(_now - thisMonth).TotalSeconds);
        var marks = string.Join(", ", _model.Stocks.Select(s => $"('{s.Slug}', now(), m.id, 0, 0, 0)"));
        await PostgreSqlBenchmarkDatabase.ExecuteAsync(connection, $"""
            WITH m AS (SELECT max("Id") AS id FROM "StockAndFlow_FlowEvents")
            INSERT INTO "StockAndFlow_Checkpoints" ("Name", "LastId", "UpdatedAt") SELECT 'flow-records', m.id, now() FROM m;
            WITH m AS (SELECT max("Id") AS id FROM "StockAndFlow_FlowEvents")
            INSERT INTO "StockAndFlow_Recounts" ("Stock", "CountedAt", "EventMark", "ChangeMark", "Total", "Unexplained")
            SELECT v.* FROM m, LATERAL (VALUES {marks}) AS v;
            """);
        await PostgreSqlBenchmarkDatabase.ExecuteAsync(connection, """VACUUM ANALYZE "StockAndFlow_FlowEvents" """);
    }

    private static async Task GenerateAsync(NpgsqlConnection connection, long rows, DateTime from, long spanSeconds)
    {
        await using var command = new NpgsqlCommand(GenerateSql, connection) { CommandTimeout = 0 };
        command.Parameters.AddWithValue("rows", rows);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("span", spanSeconds);
        await command.ExecuteNonQueryAsync();
    }
}
