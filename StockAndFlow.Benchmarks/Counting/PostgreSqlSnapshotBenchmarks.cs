using System.Data.Common;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using StockAndFlow.Benchmarks.Data;
using StockAndFlow.Benchmarks.Model;

namespace StockAndFlow.Benchmarks.Counting;

/// <summary>P1 on PostgreSQL (<c>STOCKANDFLOW_BENCH_POSTGRES</c>): the same four stocks over N members.</summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public class PostgreSqlSnapshotBenchmarks : SnapshotBenchmarkBase
{
    /// <summary>The row counts to run: <c>STOCKANDFLOW_BENCH_ROWS</c> (comma-separated), 1 000 000 by default.</summary>
    public static IEnumerable<int> RowCounts() => PostgreSqlBenchmarkDatabase.RowCounts(1_000_000);

    [ParamsSource(nameof(RowCounts))]
    public override int Rows { get; set; }

    protected override async Task<(DbConnection Connection, DbContextOptions<BenchmarkDbContext> Options)> OpenAsync(int rows)
    {
        var connectionString = await PostgreSqlBenchmarkDatabase.EnsureMembersAsync("members", rows);
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return (connection, PostgreSqlBenchmarkDatabase.Options(connectionString));
    }
}
