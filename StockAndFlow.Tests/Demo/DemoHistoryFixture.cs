using StockAndFlow.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StockAndFlow.Definitions;
using StockAndFlow.Web.Data;
using StockAndFlow.Web.Demo;

namespace StockAndFlow.Tests.Demo;

/// <summary>
/// The demo's default year of history, played once into a fresh SQLite file with the "real" time fixed
/// so every run plays the same year. The reporting zone is Europe/Amsterdam, so the year contains a
/// 23-hour and a 25-hour day.
/// </summary>
public sealed class DemoHistoryFixture : IAsyncLifetime
{
    /// <summary>The real "now" the history ends at.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 15, 30, 0, TimeSpan.Zero);

    private DemoHost? _host;

    public FakeTimeProvider RealTime { get; } = new(Now);

    public DemoHost Host => _host ?? throw new InvalidOperationException("The fixture is not initialised.");

    public StockAndFlowModel Model => Host.Services.GetRequiredService<StockAndFlowModel>();

    public PeriodCalendar Calendar => Host.Services.GetRequiredService<PeriodCalendar>();

    public DemoClock Clock => Host.Services.GetRequiredService<DemoClock>();

    /// <summary>Every Day stock record, by stock, oldest first.</summary>
    public IReadOnlyDictionary<string, List<StockRecord>> DayRecords { get; private set; } = new Dictionary<string, List<StockRecord>>();

    /// <summary>Every flow event, oldest first.</summary>
    public IReadOnlyList<FlowEvent> Events { get; private set; } = [];

    public async Task InitializeAsync()
    {
        _host = await DemoHost.StartAsync(RealTime, reportingTimeZone: "Europe/Amsterdam");
        await _host.SeedAsync();

        await using var scope = _host.NewScope(out var db);
        DayRecords = (await db.Set<StockRecord>().AsNoTracking().Where(r => r.Period == Period.Day).ToListAsync())
            .GroupBy(r => r.Stock)
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.BucketStart).ToList());
        Events = await db.Set<FlowEvent>().AsNoTracking().OrderBy(e => e.OccurredAt).ThenBy(e => e.Id).ToListAsync();
    }

    /// <summary>A context in a scope of its own; dispose the scope.</summary>
    public AsyncServiceScope NewScope(out ShopDbContext db) => Host.NewScope(out db);

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
