using Microsoft.EntityFrameworkCore;

namespace StockAndFlow.Tests.Support;

/// <summary>
/// A private database for one test engine or app, on one provider. SQLite (in memory) always runs;
/// PostgreSQL runs whenever <see cref="PostgreSqlTestDatabase.ServerVariable"/> names a server
/// (./test.sh starts one and sets it), each instance in a fresh database dropped on dispose.
/// </summary>
public abstract class TestDatabase : IAsyncDisposable
{
    public const string Sqlite = "Sqlite";

    public const string PostgreSql = "PostgreSql";

    /// <summary>The providers data tests run on here: SQLite, and PostgreSQL when its server is configured.</summary>
    public static IReadOnlyList<string> Providers => PostgreSqlTestDatabase.IsConfigured ? [Sqlite, PostgreSql] : [Sqlite];

    /// <summary><see cref="Sqlite"/> or <see cref="PostgreSql"/>.</summary>
    public abstract string Provider { get; }

    public static async Task<TestDatabase> CreateAsync(string provider) => provider switch
    {
        Sqlite => await SqliteTestDatabase.OpenAsync(),
        PostgreSql => await PostgreSqlTestDatabase.CreateOnServerAsync(),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, $"Use {Sqlite} or {PostgreSql}."),
    };

    /// <summary>Points EF Core at this database.</summary>
    public abstract DbContextOptionsBuilder Use(DbContextOptionsBuilder options);

    public abstract ValueTask DisposeAsync();
}
