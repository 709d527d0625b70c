using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StockAndFlow.Definitions;
using StockAndFlow.Jobs;
using StockAndFlow.Records;
using StockAndFlow.Tests.Support;

namespace StockAndFlow.Tests.Jobs;

/// <summary>
/// The recurring jobs over a SQLite database file, so two copies can run at once on their own
/// connections as two Hangfire servers would.
/// </summary>
public sealed class JobTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("stockandflow-jobs-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 5, 4, 10, 0, 0, TimeSpan.Zero));
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton<TimeProvider>(_time);
        var connectionString = $"Data Source={Path.Combine(_folder, "jobs.db")};Default Timeout=60";
        collection.AddDbContext<TestDbContext>((sp, o) => o.UseSqlite(connectionString).AddStockAndFlowCapture(sp));
        collection.AddStockAndFlow<TestDbContext>().AddDefinition(new DelegateDefinition(Define));
        _services = collection.BuildServiceProvider();
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TestDbContext>();
        await db.Database.EnsureCreatedAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        var now = _time.GetUtcNow().UtcDateTime;
        db.Tickets.AddRange(Enumerable.Range(0, 300).Select(i => new Ticket { Open = true, TouchedAt = now.AddDays(-(i % 20)) }));
        db.Users.AddRange(Enumerable.Range(0, 50).Select(i => new User { IsActive = i % 3 > 0, Region = i % 4 == 0 ? null : "r" + (i % 5) }));
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task SnapshotJob_RunTwice_LeavesOneRecordPerKey()
    {
        var job = _services.GetRequiredService<SnapshotStocksJob>();

        await job.RunAsync(default);
        var first = await CountRecordsAsync();
        await job.RunAsync(default);

        Assert.Equal(first, await CountRecordsAsync());
        Assert.True(first.Stocks > 0 && first.Facets > 0);
    }

    [Fact]
    public async Task Jobs_RunConcurrently_NeitherDuplicateRecordsNorDoubleEvents()
    {
        var snapshot = _services.GetRequiredService<SnapshotStocksJob>();
        var flowRecords = _services.GetRequiredService<UpdateFlowRecordsJob>();
        var decay = _services.GetRequiredService<DecayJob>();

        var moved = await Task.WhenAll(decay.RunAsync("stale-tickets", default), decay.RunAsync("stale-tickets", default));
        await Task.WhenAll(snapshot.RunAsync(default), snapshot.RunAsync(default));
        await Task.WhenAll(flowRecords.RunAsync(default), flowRecords.RunAsync(default));

        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TestDbContext>();
        var closed = await db.Tickets.CountAsync(t => !t.Open);
        var events = await db.Set<FlowEvent>().CountAsync(e => e.Flow == "expiring");
        Assert.Equal(Enumerable.Range(0, 300).Count(i => i % 20 > 7), closed);
        Assert.Equal(closed, events);
        Assert.Equal(closed, moved.Sum(m => m.Moved));
        var counts = await CountRecordsAsync();
        Assert.Equal(Enum.GetValues<Period>().Length * 3, counts.Stocks);
        var expiring = await db.Set<FlowRecord>().AsNoTracking().SingleAsync(r => r.Flow == "expiring" && r.Period == Period.Day);
        Assert.Equal(closed, expiring.Count);
    }

    [Fact]
    public async Task SnapshotJob_RecordsTheOtherStocks_WhenOneStockFails()
    {
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton<TimeProvider>(_time);
        var connectionString = $"Data Source={Path.Combine(_folder, "jobs.db")}";
        collection.AddDbContext<TestDbContext>((sp, o) => o.UseSqlite(connectionString));
        collection.AddStockAndFlow<TestDbContext>().AddDefinition(new DelegateDefinition(sf =>
        {
            sf.Stock<User>("active-users", u => u.IsActive);
            sf.Stock<Unmapped>("ghosts", g => g.Seen);
        }));
        await using var services = collection.BuildServiceProvider();

        var ex = await Assert.ThrowsAsync<StockAndFlowJobException>(() => services.GetRequiredService<SnapshotStocksJob>().RunAsync(default));

        Assert.Contains("failed for: ghosts", ex.Message);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TestDbContext>();
        Assert.True(await db.Set<StockRecord>().AnyAsync(r => r.Stock == "active-users"));
    }

    [Fact]
    public async Task DecayJob_SkipsARuleThatIsNoLongerDefined()
    {
        var result = await _services.GetRequiredService<DecayJob>().RunAsync("removed-rule", default);

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

    private async Task<(int Stocks, int Facets)> CountRecordsAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TestDbContext>();
        return (await db.Set<StockRecord>().CountAsync(), await db.Set<StockFacetRecord>().CountAsync());
    }

    public sealed class Unmapped
    {
        public bool Seen { get; set; }
    }
}
