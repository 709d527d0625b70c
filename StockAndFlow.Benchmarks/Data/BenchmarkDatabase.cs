using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using StockAndFlow.Benchmarks.Model;

namespace StockAndFlow.Benchmarks.Data;

/// <summary>
/// SQLite database files of generated members under a temp folder. A file is generated once per
/// (name, row count) and reused by every benchmark process that asks for it afterwards.
/// </summary>
public static class BenchmarkDatabase
{
    // Bump when the generated data or the schema changes, so stale files are not reused.
    private const string DataVersion = "v2";

    /// <summary>Where the database files live.</summary>
    public static string Folder { get; } = Path.Combine(Path.GetTempPath(), "stockandflow-benchmarks");

    /// <summary>A connection string for <paramref name="path"/>.</summary>
    public static string ConnectionString(string path, bool pooling = true) =>
        new SqliteConnectionStringBuilder { DataSource = path, Pooling = pooling }.ToString();

    /// <summary>Options over an open connection, optionally with interceptors.</summary>
    public static DbContextOptions<BenchmarkDbContext> Options(SqliteConnection connection, Action<DbContextOptionsBuilder>? configure = null)
    {
        var builder = new DbContextOptionsBuilder<BenchmarkDbContext>().UseSqlite(connection);
        configure?.Invoke(builder);
        return builder.Options;
    }

    /// <summary>
    /// The path of a database with <paramref name="rows"/> members, generating it if missing. Statuses
    /// and creation times are random unless <paramref name="rowOf"/> gives them for each 1-based id.
    /// </summary>
    public static string EnsureMembers(string name, int rows, Func<int, (MemberStatus Status, DateTime CreatedAt)>? rowOf = null)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, $"{name}-{rows}-{DataVersion}.db");
        if (File.Exists(path))
        {
            return path;
        }

        // Generate beside the target and move into place, so an interrupted run leaves no half file.
        var building = path + "." + Environment.ProcessId + ".building";
        File.Delete(building);
        Generate(building, rows, rowOf);
        File.Move(building, path, overwrite: true);
        return path;
    }

    /// <summary>
    /// A connection to a new file with the benchmark schema (the engine's tables and indexes), set up for
    /// one big loading transaction: no fsync, plus any <paramref name="pragmas"/>.
    /// </summary>
    public static SqliteConnection OpenForLoading(string path, string pragmas = "")
    {
        var connection = new SqliteConnection(ConnectionString(path, pooling: false));
        connection.Open();
        using (var db = new BenchmarkDbContext(Options(connection)))
        {
            db.Database.EnsureCreated();
        }

        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous = OFF; " + pragmas;
        pragma.ExecuteNonQuery();
        return connection;
    }

    private static void Generate(string path, int rows, Func<int, (MemberStatus Status, DateTime CreatedAt)>? rowOf)
    {
        using var connection = OpenForLoading(path);

        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """INSERT INTO "Members" ("Id", "Status", "Region", "Plan", "CreatedAt") VALUES ($id, $status, $region, $plan, $createdAt)""";
        var id = insert.Parameters.Add("$id", SqliteType.Integer);
        var status = insert.Parameters.Add("$status", SqliteType.Integer);
        var region = insert.Parameters.Add("$region", SqliteType.Text);
        var plan = insert.Parameters.Add("$plan", SqliteType.Text);
        var createdAt = insert.Parameters.Add("$createdAt", SqliteType.Text);
        insert.Prepare();

        var random = new Random(20_240_101);
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 1; i <= rows; i++)
        {
            var (memberStatus, created) = rowOf?.Invoke(i) ?? (PickStatus(random.Next(100)), start.AddMinutes(random.Next(60 * 24 * 365)));
            id.Value = i;
            status.Value = (int)memberStatus;
            region.Value = MemberValues.Regions[random.Next(MemberValues.Regions.Count)];
            plan.Value = MemberValues.Plans[random.Next(MemberValues.Plans.Count)];
            createdAt.Value = created;
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    // Uneven stocks, as in a real funnel: 20 % trial, 45 % active, 10 % paused, 25 % churned.
    private static MemberStatus PickStatus(int percent) => percent switch
    {
        < 20 => MemberStatus.Trial,
        < 65 => MemberStatus.Active,
        < 75 => MemberStatus.Paused,
        _ => MemberStatus.Churned,
    };
}
