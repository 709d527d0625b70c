using Microsoft.EntityFrameworkCore;

namespace StockAndFlow.Web.Data;

/// <summary>The one place that turns <c>StockAndFlow:Database:Provider</c> into a DbContext registration.</summary>
public static class DatabaseSetup
{
    public const string ConnectionStringName = "StockAndFlow";

    public static IServiceCollection AddShopDatabase(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddSingleton(options);
        switch (options.Provider.ToUpperInvariant())
        {
            case "SQLITE":
                var connectionString = configuration.GetConnectionString(ConnectionStringName) ?? DefaultSqlite(environment);
                services.AddDbContext<ShopDbContext, SqliteShopDbContext>((sp, o) => o.UseSqlite(connectionString).AddStockAndFlowCapture(sp));
                break;
            default:
                throw new InvalidOperationException(
                    $"StockAndFlow:Database:Provider '{options.Provider}' is not supported. Set it to Sqlite (the default).");
        }

        return services;
    }

    private static string DefaultSqlite(IHostEnvironment environment)
    {
        var folder = Path.Combine(environment.ContentRootPath, "App_Data");
        Directory.CreateDirectory(folder);
        return $"Data Source={Path.Combine(folder, "stockandflow.db")}";
    }
}
