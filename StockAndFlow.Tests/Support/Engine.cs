using StockAndFlow.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StockAndFlow.Counting;
using StockAndFlow.Definitions;
using StockAndFlow.Hosting;

namespace StockAndFlow.Tests.Support;

/// <summary>
/// The engine wired as a host wires it, over a private database (SQLite in memory by default, or a
/// fresh PostgreSQL database: see <see cref="TestDatabase"/>), with a fake clock.
/// </summary>
public sealed class Engine : IAsyncDisposable
{
    private readonly List<IServiceScope> _scopes = [];

    private Engine(TestDatabase database, ServiceProvider services, FakeTimeProvider time)
    {
        Database = database;
        Services = services;
        Time = time;
    }

    /// <summary>The database the engine runs on.</summary>
    public TestDatabase Database { get; }

    public ServiceProvider Services { get; }

    public FakeTimeProvider Time { get; }

    public StockAndFlowModel Model => Services.GetRequiredService<StockAndFlowModel>();

    public StockCounter Counter => Services.GetRequiredService<StockCounter>();

    public StockSnapshotter Snapshotter => Services.GetRequiredService<StockSnapshotter>();

    /// <summary>Starts the engine on SQLite.</summary>
    public static Task<Engine> StartAsync(Action<StockAndFlowBuilder> define, Action<IServiceCollection>? services = null, Action<StockAndFlowOptions>? options = null) =>
        StartAsync(TestDatabase.Sqlite, define, services, options);

    /// <summary>Starts the engine on <paramref name="provider"/> (<see cref="TestDatabase.Sqlite"/> or <see cref="TestDatabase.PostgreSql"/>).</summary>
    public static async Task<Engine> StartAsync(string provider, Action<StockAndFlowBuilder> define, Action<IServiceCollection>? services = null, Action<StockAndFlowOptions>? options = null)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton<TimeProvider>(time);
        collection.AddDbContext<TestDbContext>((sp, o) => database.Use(o).AddStockAndFlowCapture(sp));
        collection.AddStockAndFlow<TestDbContext>(configure: options).AddDefinition(new DelegateDefinition(define));
        services?.Invoke(collection);
        var serviceProvider = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        var engine = new Engine(database, serviceProvider, time);
        try
        {
            await using var db = engine.NewContext();
            await db.Database.EnsureCreatedAsync();
        }
        catch
        {
            await engine.DisposeAsync();
            throw;
        }

        return engine;
    }

    /// <summary>A fresh context from its own DI scope; the scopes end with the engine.</summary>
    public TestDbContext NewContext()
    {
        var scope = Services.CreateScope();
        _scopes.Add(scope);
        return scope.ServiceProvider.GetRequiredService<TestDbContext>();
    }

    /// <summary>A context of its own (not from DI) whose commands also pass through <paramref name="interceptor"/>; dispose it.</summary>
    public TestDbContext NewContextWith(Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor interceptor)
    {
        var options = new DbContextOptionsBuilder<TestDbContext>();
        Database.Use(options).AddStockAndFlowCapture(Services).AddInterceptors(interceptor);
        return new TestDbContext(options.Options);
    }

    /// <summary>Every flow event, oldest first, read through a fresh context.</summary>
    public async Task<List<FlowEvent>> EventsAsync()
    {
        await using var db = NewContext();
        return await db.Set<FlowEvent>().AsNoTracking().OrderBy(e => e.Id).ToListAsync();
    }

    /// <summary>Runs the start-up validation the host runs.</summary>
    public Task ValidateAsync() => Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<StartupValidator>().Single().StartAsync(default);

    public async ValueTask DisposeAsync()
    {
        foreach (var scope in _scopes)
        {
            scope.Dispose();
        }

        await Services.DisposeAsync();
        await Database.DisposeAsync();
    }
}
