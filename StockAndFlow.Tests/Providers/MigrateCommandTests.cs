using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using StockAndFlow.Tests.Support;
using StockAndFlow.Web.Data;

namespace StockAndFlow.Tests.Providers;

/// <summary><c>dotnet StockAndFlow.Web.dll --migrate</c> applies the configured provider's migrations and exits.</summary>
public sealed class MigrateCommandTests
{
    [Theory, AllProviders]
    public async Task MigrateArgumentAppliesEveryMigrationAndExits(string provider)
    {
        var folder = Directory.CreateTempSubdirectory("stockandflow-migrate-").FullName;
        await using var postgres = provider == TestDatabase.PostgreSql ? await PostgreSqlTestDatabase.CreateOnServerAsync() : null;
        var connectionString = postgres?.ConnectionString ?? $"Data Source={Path.Combine(folder, "app.db")}";
        try
        {
            var (exitCode, output) = await RunAppAsync(provider, connectionString, "--migrate");

            Assert.True(exitCode == 0, output);
            await using var db = Open(provider, connectionString);
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
            Assert.Empty(await db.Customers.ToListAsync()); // migrated, not seeded: the app did not start serving
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static ShopDbContext Open(string provider, string connectionString) => provider == TestDatabase.PostgreSql
        ? new PostgreSqlShopDbContext(new DbContextOptionsBuilder<PostgreSqlShopDbContext>().UseNpgsql(connectionString).Options)
        : new SqliteShopDbContext(new DbContextOptionsBuilder<SqliteShopDbContext>().UseSqlite(connectionString).Options);

    private static async Task<(int ExitCode, string Output)> RunAppAsync(string provider, string connectionString, string argument)
    {
        var app = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", [app, argument])
        {
            WorkingDirectory = Path.GetDirectoryName(app)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["StockAndFlow__Database__Provider"] = provider;
        start.Environment["ConnectionStrings__StockAndFlow"] = connectionString;
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}
