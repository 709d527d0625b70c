using Microsoft.EntityFrameworkCore;
using StockAndFlow.Web.Demo;

namespace StockAndFlow.Web.Data;

/// <summary>
/// Migrates at start-up (when enabled), seeds the demo on first run, and runs the <c>--migrate</c>
/// command: <c>dotnet StockAndFlow.Web.dll --migrate</c> applies the configured provider's migrations
/// and exits, for deployments that keep <c>MigrateOnStartup</c> off.
/// </summary>
public static partial class DatabaseStartup
{
    public const string MigrateArgument = "--migrate";

    /// <summary>True when the app was started as <c>--migrate</c>: migrate, then exit.</summary>
    public static bool IsMigrateCommand(string[] args) => args.Contains(MigrateArgument, StringComparer.OrdinalIgnoreCase);

    /// <summary>Applies the configured provider's pending migrations.</summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        await db.Database.MigrateAsync();
        LogMigrated(app.Logger, db.Database.ProviderName, pending.Count, string.Join(", ", pending));
    }

    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<DatabaseOptions>();
        if (options.ShouldMigrateOnStartup(app.Environment))
        {
            await app.MigrateDatabaseAsync();
        }

        if (!options.SeedDemoData)
        {
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        if (pending.Count > 0)
        {
            throw new InvalidOperationException(
                $"The database has {pending.Count} pending migration(s) ({string.Join(", ", pending)}) and {DatabaseOptions.Section}:MigrateOnStartup is off. " +
                $"Apply them with `dotnet StockAndFlow.Web.dll {MigrateArgument}` (scripts/migrate.sh from a checkout), " +
                $"or set {DatabaseOptions.Section}:MigrateOnStartup to true.");
        }

        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(db, CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied {Count} migration(s) on {Provider}: {Migrations}")]
    private static partial void LogMigrated(ILogger logger, string? provider, int count, string migrations);
}
