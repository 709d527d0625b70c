using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace StockAndFlow.Tests.Support;

/// <summary>A private in-memory SQLite database: one connection kept open for the database's lifetime.</summary>
public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly SqliteConnection _connection;

    private SqliteTestDatabase(SqliteConnection connection) => _connection = connection;

    public override string Provider => Sqlite;

    public static async Task<SqliteTestDatabase> OpenAsync()
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        return new SqliteTestDatabase(connection);
    }

    public override DbContextOptionsBuilder Use(DbContextOptionsBuilder options) => options.UseSqlite(_connection);

    public override ValueTask DisposeAsync() => _connection.DisposeAsync();
}
