using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.SqlServer;
using Microsoft.Data.SqlClient;

namespace StockAndFlow.Web.Data;

/// <summary>
/// Hangfire's storage follows the database: SQLite → in memory (there is no SQLite
/// storage worth trusting), SQL Server → Hangfire.SqlServer, PostgreSQL → Hangfire.PostgreSql, each in
/// the app's own database with its schema installed on first use. Several app instances sharing a SQL
/// Server or PostgreSQL database are then several servers of one Hangfire.
/// </summary>
internal static class HangfireSetup
{
    public static IServiceCollection AddShopHangfire(this IServiceCollection services, DatabaseProvider provider, string connectionString)
    {
        // The storage and the activator are this app's own singletons, registered before AddHangfire
        // (which only TryAdds them from the process-wide JobStorage.Current / JobActivator.Current), so
        // two hosts in one process — the tests' app instances — never serve each other's jobs. The
        // storage is made after Hangfire's global configuration (logging, serializer), which it uses.
        services.AddSingleton(sp =>
        {
            var configuration = sp.GetRequiredService<IGlobalConfiguration>();
            var storage = CreateStorage(provider, connectionString);
            configuration.UseStorage(storage); // JobStorage.Current, for Hangfire's static APIs
            return storage;
        });
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire(config => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        services.AddHangfireServer();
        return services;
    }

    internal static JobStorage CreateStorage(DatabaseProvider provider, string connectionString) => provider switch
    {
        DatabaseProvider.Sqlite => new InMemoryStorage(new InMemoryStorageOptions()),
        DatabaseProvider.SqlServer => new SqlServerStorage(
            () => new SqlConnection(connectionString),
            new SqlServerStorageOptions { PrepareSchemaIfNecessary = true }),
        DatabaseProvider.PostgreSql => CreatePostgreSqlStorage(connectionString),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    private static PostgreSqlStorage CreatePostgreSqlStorage(string connectionString)
    {
        var options = new PostgreSqlStorageOptions { PrepareSchemaIfNecessary = true };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
    }
}
