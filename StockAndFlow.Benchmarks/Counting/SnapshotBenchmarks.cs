using System.Data.Common;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using StockAndFlow.Benchmarks.Data;
using StockAndFlow.Benchmarks.Model;

namespace StockAndFlow.Benchmarks.Counting;

/// <summary>P1 in SQLite: four stocks, each with two facets of 20 listed values, over N members.</summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 3, iterationCount: 10, invocationCount: 1)]
public class SnapshotBenchmarks : SnapshotBenchmarkBase
{
    [Params(100_000, 1_000_000)]
    public override int Rows { get; set; }

    protected override async Task<(DbConnection Connection, DbContextOptions<BenchmarkDbContext> Options)> OpenAsync(int rows)
    {
        var connection = new SqliteConnection(BenchmarkDatabase.ConnectionString(BenchmarkDatabase.EnsureMembers("members", rows)));
        await connection.OpenAsync();
        return (connection, BenchmarkDatabase.Options(connection));
    }
}
