using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace StockAndFlow.Tests.Support;

/// <summary>
/// A fresh PostgreSQL database with a unique name on the server named by <see cref="ServerVariable"/>
/// (e.g. <c>Host=127.0.0.1;Port=5432;Username=stockandflow;Password=stockandflow</c>; the role needs
/// CREATEDB), dropped with its connections on dispose.
/// </summary>
public sealed class PostgreSqlTestDatabase : TestDatabase
{
    /// <summary>The test server every PostgreSQL data test uses.</summary>
    public const string ServerVariable = "STOCKANDFLOW_TEST_POSTGRES";

    private readonly string _server;
    private readonly string _name;

    private PostgreSqlTestDatabase(string server, string name, string connectionString)
    {
        _server = server;
        _name = name;
        ConnectionString = connectionString;
    }

    public static bool IsConfigured => ServerConnectionString(ServerVariable) is not null;

    public override string Provider => PostgreSql;

    /// <summary>The database's own connection string.</summary>
    public string ConnectionString { get; }

    public static string? ServerConnectionString(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value : null;

    /// <summary>Creates a database on the server named by <paramref name="serverVariable"/>.</summary>
    public static async Task<PostgreSqlTestDatabase> CreateOnServerAsync(string serverVariable = ServerVariable)
    {
        var server = ServerConnectionString(serverVariable)
            ?? throw new InvalidOperationException($"Set {serverVariable} to a PostgreSQL server's connection string (./test.sh starts one).");
        var name = "saf_test_" + Guid.NewGuid().ToString("N");
        await ExecuteOnServerAsync(server, $"CREATE DATABASE \"{name}\"");
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        return new PostgreSqlTestDatabase(server, name, connectionString);
    }

    public override DbContextOptionsBuilder Use(DbContextOptionsBuilder options) => options.UseNpgsql(ConnectionString);

    public override async ValueTask DisposeAsync()
    {
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        try
        {
            await ExecuteOnServerAsync(_server, $"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            // FORCE ends every other backend in the database, an autovacuum worker too, and a role without
            // pg_signal_backend may not end that one; a plain DROP asks autovacuum to stop and waits for it.
            await ExecuteOnServerAsync(_server, $"DROP DATABASE IF EXISTS \"{_name}\"");
        }
    }

    private static async Task ExecuteOnServerAsync(string server, string sql)
    {
        var admin = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
