using Microsoft.EntityFrameworkCore;
using Npgsql;
using StockAndFlow.Benchmarks.Model;

namespace StockAndFlow.Benchmarks.Data;

/// <summary>
/// PostgreSQL databases of generated members, one per (name, row count), on the server named by
/// <c>STOCKANDFLOW_BENCH_POSTGRES</c> (or <c>STOCKANDFLOW_TEST_POSTGRES</c>): a connection string without
/// a database, as ./test.sh exports it. Rows are generated in the server with <c>generate_series</c>
/// (same shares of statuses as the SQLite files: 20 % trial, 45 % active, 10 % paused, 25 % churned),
/// then vacuumed and analysed; a database holding the right row count is reused.
/// </summary>
public static class PostgreSqlBenchmarkDatabase
{
    private const string GenerateSql = """
        INSERT INTO "Members" ("Id", "Status", "Region", "Plan", "CreatedAt")
        SELECT i,
               CASE WHEN h < 20 THEN 0 WHEN h < 65 THEN 1 WHEN h < 75 THEN 2 ELSE 3 END,
               'region-' || lpad(((i * 7 + i / 20) % 20 + 1)::text, 2, '0'),
               'plan-' || lpad(((i * 13 / 3) % 20 + 1)::text, 2, '0'),
               timestamptz '2024-01-01 00:00:00+00' + (i * 2654435761 % 525600) * interval '1 minute'
        FROM (SELECT i, (i * 2654435761) % 100 AS h FROM generate_series(1::bigint, @rows::bigint) AS i) AS s
        """;

    /// <summary>The server's connection string (no database), or an explanation of how to set it.</summary>
    public static string Server =>
        Environment.GetEnvironmentVariable("STOCKANDFLOW_BENCH_POSTGRES") is { Length: > 0 } bench ? bench
        : Environment.GetEnvironmentVariable("STOCKANDFLOW_TEST_POSTGRES") is { Length: > 0 } test ? test
        : throw new InvalidOperationException("Set STOCKANDFLOW_BENCH_POSTGRES (or STOCKANDFLOW_TEST_POSTGRES) to a PostgreSQL server, e.g. one started as ./test.sh starts it.");

    /// <summary>
    /// The row counts of <c>STOCKANDFLOW_BENCH_ROWS</c> (comma-separated, e.g. <c>10000000</c>), or
    /// <paramref name="fallback"/> when it is not set.
    /// </summary>
    public static IEnumerable<int> RowCounts(int fallback) =>
        Environment.GetEnvironmentVariable("STOCKANDFLOW_BENCH_ROWS") is { Length: > 0 } rows
            ? rows.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(r => int.Parse(r, System.Globalization.CultureInfo.InvariantCulture))
            : [fallback];

    /// <summary>The connection string of the database for (<paramref name="name"/>, <paramref name="rows"/>).</summary>
    public static string ConnectionString(string name, int rows) =>
        new NpgsqlConnectionStringBuilder(Server) { Database = $"stockandflow_bench_{name}_{rows}", CommandTimeout = 600 }.ToString();

    /// <summary>Options for that database, optionally with interceptors.</summary>
    public static DbContextOptions<BenchmarkDbContext> Options(string connectionString, Action<DbContextOptionsBuilder>? configure = null)
    {
        var builder = new DbContextOptionsBuilder<BenchmarkDbContext>().UseNpgsql(connectionString, o => o.CommandTimeout(600));
        configure?.Invoke(builder);
        return builder.Options;
    }

    /// <summary>Creates the database with <paramref name="rows"/> members unless it already holds them; returns its connection string.</summary>
    public static async Task<string> EnsureMembersAsync(string name, int rows)
    {
        var connectionString = ConnectionString(name, rows);
        await using (var db = new BenchmarkDbContext(Options(connectionString)))
        {
            await db.Database.EnsureCreatedAsync();
            if (await db.Members.LongCountAsync() == rows)
            {
                return connectionString;
            }
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, """TRUNCATE "Members" """);
        await using (var generate = new NpgsqlCommand(GenerateSql, connection) { CommandTimeout = 0 })
        {
            generate.Parameters.AddWithValue("rows", (long)rows);
            await generate.ExecuteNonQueryAsync();
        }

        await ExecuteAsync(connection, """VACUUM ANALYZE "Members" """);
        return connectionString;
    }

    /// <summary>Runs one statement without a timeout.</summary>
    public static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }
}
