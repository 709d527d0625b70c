using Microsoft.EntityFrameworkCore;
using StockAndFlow.Web.Demo;

namespace StockAndFlow.Web.Data;

/// <summary>Migrates (when enabled) and seeds the demo on first run.</summary>
public static class DatabaseStartup
{
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<DatabaseOptions>();
        var migrate = options.MigrateOnStartup ?? (app.Environment.IsDevelopment() || options.Provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase));
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        if (migrate)
        {
            await db.Database.MigrateAsync();
        }

        if (options.SeedDemoData)
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(db, CancellationToken.None);
        }
    }
}
