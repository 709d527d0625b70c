using Microsoft.EntityFrameworkCore;

namespace StockAndFlow.Web.Data;

/// <summary>
/// The one place that turns <c>StockAndFlow:Database:Provider</c> and <c>ConnectionStrings:StockAndFlow</c>
/// into the app's stores: the <see cref="ShopDbContext"/> flavour with its migrations, the Hangfire
/// storage that follows it, and the health checks of both.
/// </summary>
public static class DatabaseSetup
{
    public const string ConnectionStringName = "StockAndFlow";

    public const string ConnectionStringKey = "ConnectionStrings:" + ConnectionStringName;

    public static IServiceCollection AddShopDatabase(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var provider = options.ParsedProvider;
        var connectionString = ConnectionString(configuration, environment, provider);
        services.AddSingleton(options);

        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                services.AddDbContext<ShopDbContext, SqliteShopDbContext>((sp, o) => o.UseSqlite(connectionString).AddStockAndFlowCapture(sp));
                break;
            case DatabaseProvider.SqlServer:
                services.AddDbContext<ShopDbContext, SqlServerShopDbContext>((sp, o) => o.UseSqlServer(connectionString).AddStockAndFlowCapture(sp));
                break;
            case DatabaseProvider.PostgreSql:
                services.AddDbContext<ShopDbContext, PostgreSqlShopDbContext>((sp, o) => o.UseNpgsql(connectionString).AddStockAndFlowCapture(sp));
                break;
        }

        services.AddShopHangfire(provider, connectionString);
        services.AddHealthChecks()
            .AddDbContextCheck<ShopDbContext>("database")
            .AddCheck<HangfireStorageHealthCheck>("hangfire-storage", timeout: TimeSpan.FromSeconds(10))
            .AddStockAndFlowBridgeCheck();
        return services;
    }

    private static string ConnectionString(IConfiguration configuration, IHostEnvironment environment, DatabaseProvider provider)
    {
        var configured = configuration.GetConnectionString(ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        return provider == DatabaseProvider.Sqlite
            ? DefaultSqlite(environment)
            : throw new InvalidOperationException(
                $"{DatabaseOptions.Section}:Provider is {provider}, which needs a connection string, and {ConnectionStringKey} is not set. " +
                $"Set {ConnectionStringKey} (environment variable ConnectionStrings__{ConnectionStringName}) to the {provider} connection string, " +
                $"e.g. \"{ExampleConnectionString(provider)}\", or set {DatabaseOptions.Section}:Provider to Sqlite for the embedded store.");
    }

    private static string ExampleConnectionString(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.SqlServer => "Server=db;Database=StockAndFlow;User Id=stockandflow;Password=...;TrustServerCertificate=True",
        _ => "Host=db;Database=stockandflow;Username=stockandflow;Password=...",
    };

    private static string DefaultSqlite(IHostEnvironment environment)
    {
        var folder = Path.Combine(environment.ContentRootPath, "App_Data");
        Directory.CreateDirectory(folder);
        return $"Data Source={Path.Combine(folder, "stockandflow.db")}";
    }
}
