using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StockAndFlow.Counting;
using StockAndFlow.Definitions;
using StockAndFlow.Hosting;
using StockAndFlow.Records;

namespace StockAndFlow.Tests.Support;

/// <summary>
/// The engine wired as a host wires it, over a private SQLite database (one connection kept open
/// for the engine's lifetime), with a fake clock.
/// </summary>
public sealed class Engine : IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private readonly List<IServiceScope> _scopes = [];

    private Engine(SqliteConnection connection, ServiceProvider services, FakeTimeProvider time)
    {
        _connection = connection;
        Services = services;
        Time = time;
    }

    public ServiceProvider Services { get; }

    public FakeTimeProvider Time { get; }

    public StockAndFlowModel Model => Services.GetRequiredService<StockAndFlowModel>();

    public StockCounter Counter => Services.GetRequiredService<StockCounter>();

    public StockSnapshotter Snapshotter => Services.GetRequiredService<StockSnapshotter>();

    public static async Task<Engine> StartAsync(Action<StockAndFlowBuilder> define, Action<IServiceCollection>? services = null, Action<StockAndFlowOptions>? options = null)
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton<TimeProvider>(time);
        collection.AddDbContext<TestDbContext>((sp, o) => o.UseSqlite(connection).AddStockAndFlowCapture(sp));
        collection.AddStockAndFlow<TestDbContext>(configure: options).AddDefinition(new DelegateDefinition(define));
        services?.Invoke(collection);
        var provider = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        var engine = new Engine(connection, provider, time);
        await using (var db = engine.NewContext())
        {
            await db.Database.EnsureCreatedAsync();
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
        await _connection.DisposeAsync();
    }

}
