using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StockAndFlow.Web.Data;
using StockAndFlow.Web.Demo;

namespace StockAndFlow.Tests.Demo;

/// <summary>
/// The demo's services wired as the Web app wires them (the app's context with capture, its definitions,
/// <see cref="DemoServiceCollectionExtensions.AddDemo"/>) over a fresh SQLite file, with a
/// <see cref="DemoClock"/> over the given "real" time and settings as configuration.
/// </summary>
public sealed class DemoHost : IAsyncDisposable
{
    private readonly string _folder;
    private readonly ServiceProvider _services;

    private DemoHost(string folder, ServiceProvider services)
    {
        _folder = folder;
        _services = services;
    }

    public IServiceProvider Services => _services;

    /// <summary>Builds the services and creates the database.</summary>
    public static async Task<DemoHost> StartAsync(TimeProvider realTime, IReadOnlyDictionary<string, string?>? settings = null, string reportingTimeZone = "UTC", string? postgreSql = null)
    {
        var folder = Directory.CreateTempSubdirectory("stockandflow-demo-").FullName;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build());
        services.AddSingleton(new DemoClock(realTime));
        services.AddDemo();
        var connectionString = $"Data Source={Path.Combine(folder, "demo.db")}";
        if (postgreSql is null)
        {
            services.AddDbContext<ShopDbContext, SqliteShopDbContext>((sp, o) => o.UseSqlite(connectionString).AddStockAndFlowCapture(sp));
        }
        else
        {
            services.AddDbContext<ShopDbContext, PostgreSqlShopDbContext>((sp, o) => o.UseNpgsql(postgreSql).AddStockAndFlowCapture(sp));
        }

        services.AddStockAndFlow<ShopDbContext>(configure: o => o.ReportingTimeZone = reportingTimeZone)
            .AddDefinitionsFrom(typeof(DemoSeeder).Assembly);
        var host = new DemoHost(folder, services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true }));

        // The schema from the model: these tests are about the history, DemoAppTests cover migrations.
        await using var scope = host.NewScope(out var db);
        await db.Database.EnsureCreatedAsync();
        return host;
    }

    /// <summary>Runs the seeder as start-up does: in a scope of its own.</summary>
    public async Task SeedAsync()
    {
        await using var scope = NewScope(out var db);
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(db, CancellationToken.None);
    }

    /// <summary>A context in a scope of its own; dispose the scope.</summary>
    public AsyncServiceScope NewScope(out ShopDbContext db)
    {
        var scope = _services.CreateAsyncScope();
        db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        return scope;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
