using StockAndFlow.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StockAndFlow.Definitions;
using StockAndFlow.Jobs;
using StockAndFlow.Tests.Support;

namespace StockAndFlow.Tests.Jobs;

/// <summary>
/// The recurring jobs over a real database — a SQLite file, and PostgreSQL when its server is
/// configured — so two copies can run at once on their own connections, as two Hangfire servers would.
/// </summary>
public sealed class JobTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 5, 4, 10, 0, 0, TimeSpan.Zero));

    /// <summary>A service provider over a fresh database with 300 aging tickets and 50 users.</summary>
    private sealed class Fixture(ServiceProvider services, Func<ValueTask> cleanup) : IAsyncDisposable
    {
        public ServiceProvider Services { get; } = services;

        public async ValueTask DisposeAsync()
        {
            await Services.DisposeAsync();
            await cleanup();
        }
    }

    private async Task<Fixture> StartAsync(string provider, Action<StockAndFlow.Definitions.StockAndFlowBuilder>? define = null, bool capture = true)
    {
        Action<DbContextOptionsBuilder> use;
        Func<ValueTask> cleanup;
        if (provider == TestDatabase.PostgreSql)
        {
            var database = await PostgreSqlTestDatabase.CreateOnServerAsync();
            use = o => database.Use(o);
            cleanup = database.DisposeAsync;
        }
        else
        {
            var folder = Directory.CreateTempSubdirectory("stockandflow-jobs-").FullName;
            var connectionString = $"Data Source={Path.Combine(folder, "jobs.db")};Default Timeout=60";
            use = o => o.UseSqlite(connectionString);
            cleanup = () =>
            {
                SqliteConnection.ClearAllPools();
                Directory.Delete(folder, recursive: true);
                return ValueTask.CompletedTask;
            };
        }

        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton<TimeProvider>(_time);
        collection.AddDbContext<TestDbContext>((sp, o) =>
        {
            use(o);
            if (capture)
            {
                o.AddStockAndFlowCapture(sp);
            }
        });
        collection.AddStockAndFlow<TestDbContext>().AddDefinition(new DelegateDefinition(define ?? Define));
        var fixture = new Fixture(collection.BuildServiceProvider(), cleanup);
        await using var scope = fixture.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TestDbContext>();
        await db.Database.EnsureCreatedAsync();
        if (provider == TestDatabase.Sqlite)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }

        var now = _time.GetUtcNow().UtcDateTime;
        db.Tickets.AddRange(Enumerable.Range(0, 300).Select(i => new Ticket { Open = true, TouchedAt = now.AddDays(-(i % 20)) }));
        db.Users.AddRange(Enumerable.Range(0, 50).Select(i => new User { IsActive = i % 3 > 0, Region = i % 4 == 0 ? null : "r" + (i % 5) }));
        await db.SaveChangesAsync();
        return fixture;
    }

    [Theory]
    [AllProviders]
    public async Task SnapshotJob_RunTwice_LeavesOneRecordPerKey(string provider)
    {
        await using var fixture = await StartAsync(provider);
        var job = fixture.Services.GetRequiredService<SnapshotStocksJob>();

        await job.RunAsync(default);
        var first = await CountRecordsAsync(fixture.Services);
        await job.RunAsync(default);

        Assert.Equal(first, await CountRecordsAsync(fixture.Services));
        Assert.True(first.Stocks > 0 && first.Facets > 0);
    }

    [Theory]
    [AllProviders]
    public async Task Jobs_RunConcurrently_NeitherDuplicateRecordsNorDoubleEvents(string provider)
    {
        await using var fixture = await StartAsync(provider);
        var snapshot = fixture.Services.GetRequiredService<SnapshotStocksJob>();
        var flowRecords = fixture.Services.GetRequiredService<UpdateFlowRecordsJob>();
        var decay = fixture.Services.GetRequiredService<DecayJob>();

        var moved = await Task.WhenAll(decay.RunAsync("stale-tickets", default), decay.RunAsync("stale-tickets", default));
        await Task.WhenAll(snapshot.RunAsync(default), snapshot.RunAsync(default));
        await Task.WhenAll(flowRecords.RunAsync(default), flowRecords.RunAsync(default));

        await using var scope = fixture.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TestDbContext>();
        var closed = await db.Tickets.CountAsync(t => !t.Open);
        var events = await db.Set<FlowEvent>().CountAsync(e => e.Flow == "expiring");
        Assert.Equal(Enumerable.Range(0, 300).Count(i => i % 20 > 7), closed);
        Assert.Equal(closed, events);
        Assert.Equal(closed, moved.Sum(m => m.Moved));
        var counts = await CountRecordsAsync(fixture.Services);
        Assert.Equal(Enum.GetValues<Period>().Length * 3, counts.Stocks);
        var expiring = await db.Set<FlowRecord>().AsNoTracking().SingleAsync(r => r.Flow == "expiring" && r.Period == Period.Day);
        Assert.Equal(closed, expiring.Count);
    }

    [Theory]
    [AllProviders]
    public async Task SnapshotJob_RecordsTheOtherStocks_WhenOneStockFails(string provider)
    {
        await using var fixture = await StartAsync(provider, sf =>
        {
            sf.Stock<User>("active-users", u => u.IsActive);
            sf.Stock<Unmapped>("ghosts", g => g.Seen);
        }, capture: false);

        var ex = await Assert.ThrowsAsync<StockAndFlowJobException>(() => fixture.Services.GetRequiredService<SnapshotStocksJob>().RunAsync(default));

        Assert.Contains("failed for: ghosts", ex.Message);
        await using var scope = fixture.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TestDbContext>();
        Assert.True(await db.Set<StockRecord>().AnyAsync(r => r.Stock == "active-users"));
    }

    [Fact]
    public async Task DecayJob_SkipsARuleThatIsNoLongerDefined()
    {
        await using var fixture = await StartAsync(TestDatabase.Sqlite);
        var result = await fixture.Services.GetRequiredService<DecayJob>().RunAsync("removed-rule", default);

        Assert.Equal(0, result.Moved);
    }

    private static void Define(StockAndFlowBuilder sf)
    {
        var open = sf.Stock<Ticket>("open-tickets", t => t.Open);
        var closed = sf.Stock<Ticket>("closed-tickets", t => !t.Open);
        sf.Stock<User>("active-users", u => u.IsActive).Facet("region", u => u.Region);
        sf.Flow<Ticket>("expiring").From(open).To(closed);
        sf.Decay<Ticket>("stale-tickets").From(open).To(closed)
            .When(t => t.TouchedAt, olderThan: TimeSpan.FromDays(7))
            .Set(s => s.SetProperty(t => t.Open, false));
    }

    private static async Task<(int Stocks, int Facets)> CountRecordsAsync(ServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TestDbContext>();
        return (await db.Set<StockRecord>().CountAsync(), await db.Set<StockFacetRecord>().CountAsync());
    }

    public sealed class Unmapped
    {
        public bool Seen { get; set; }
    }
}
