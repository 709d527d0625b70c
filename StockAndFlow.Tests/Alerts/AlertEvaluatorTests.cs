using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StockAndFlow.Alerts;
using StockAndFlow.Definitions;
using StockAndFlow.Storage;
using StockAndFlow.Tests.Support;

namespace StockAndFlow.Tests.Alerts;

/// <summary>Alerts in stock terms, evaluated over real captured events, kept as incidents and sent to the host's sinks.</summary>
public sealed class AlertEvaluatorTests
{
    [Theory]
    [AllProviders]
    public async Task ALevelAlertFiresOnceWhileItHolds_AndResolves_WithItsHistoryAndNotices(string provider)
    {
        var sink = new CollectingSink();
        await using var engine = await StartAsync(provider, sink, (sf, open, _, _) => sf.Alert("few-open", "Few open tickets").WhenBelow(open, 3));
        await using var db = engine.NewContext();
        db.Tickets.AddRange(new Ticket { Open = true }, new Ticket { Open = true });
        await db.SaveChangesAsync();
        var evaluator = engine.Services.GetRequiredService<AlertEvaluator>();

        var first = Assert.Single(await evaluator.EvaluateAsync(db));
        await evaluator.EvaluateAsync(db);
        Assert.True(first.Firing);
        Assert.Equal(2d, first.Value);
        Assert.Single(await db.Set<AlertIncident>().ToListAsync());
        Assert.Equal([true], sink.Notices.Select(n => n.Firing));

        db.Tickets.Add(new Ticket { Open = true });
        await db.SaveChangesAsync();
        engine.Time.Advance(TimeSpan.FromMinutes(15));
        Assert.False(Assert.Single(await evaluator.EvaluateAsync(db)).Firing);

        var incident = Assert.Single(await db.Set<AlertIncident>().AsNoTracking().ToListAsync());
        Assert.Equal(engine.Time.GetUtcNow().UtcDateTime, incident.ResolvedAt);
        Assert.Equal([true, false], sink.Notices.Select(n => n.Firing));
    }

    [Theory]
    [AllProviders]
    public async Task OutflowAboveInflow_FiresAfterThatManyWholeDaysInARow(string provider)
    {
        await using var engine = await StartAsync(provider, null, (sf, open, _, _) => sf.Alert("draining", "Open tickets draining").WhenOutflowExceedsInflow(open, 3));
        await using var db = engine.NewContext();
        await DaysAsync(engine, db, [(10, 0), (1, 3), (1, 2), (0, 1)]);
        var evaluator = engine.Services.GetRequiredService<AlertEvaluator>();

        var state = Assert.Single(await evaluator.EvaluateAsync(db));

        Assert.True(state.Firing, state.Message);
        Assert.Equal(3d, state.Value);
        await DaysAsync(engine, db, [(2, 1)]);
        Assert.False(Assert.Single(await evaluator.EvaluateAsync(db)).Firing);
    }

    [Theory]
    [AllProviders]
    public async Task AFlowOffItsWeekdayAverage_Fires_ComparedWithTheSameWeekdayOfTheFourWeeksBefore(string provider)
    {
        await using var engine = await StartAsync(provider, null, (sf, _, _, opening) => sf.Alert("openings-unusual", "Unusual openings").WhenFlowOffWeekdayAverage(opening, 50));
        await using var db = engine.NewContext();
        // 29 days: 2 openings on every 7th day (the same weekday as the last), 5 on the last day, 1 on the others.
        var days = Enumerable.Range(0, 29).Select(d => d == 28 ? (5, 0) : d % 7 == 0 ? (2, 0) : (1, 0)).ToArray();
        await DaysAsync(engine, db, days);

        var state = Assert.Single(await engine.Services.GetRequiredService<AlertEvaluator>().EvaluateAsync(db));

        Assert.True(state.Firing, state.Message);
        Assert.Equal(150d, state.Value!.Value, 6);
    }

    [Theory]
    [AllProviders]
    public async Task RunsOutWithin_FiresWhenTheNetOutflowEmptiesTheStockInTime(string provider)
    {
        await using var engine = await StartAsync(provider, null, (sf, open, _, _) =>
        {
            sf.Alert("open-runs-out", "Open tickets run out").WhenRunsOutWithin(open, 30);
            sf.Alert("open-runs-out-soon", "Open tickets run out soon").WhenRunsOutWithin(open, 10);
        });
        await using var db = engine.NewContext();
        // 40 opened long ago, then one closed every day for 28 days: 12 left, shrinking by 1 a day.
        await DaysAsync(engine, db, [(40, 0)]);
        engine.Time.Advance(TimeSpan.FromDays(10));
        await DaysAsync(engine, db, [.. Enumerable.Repeat((0, 1), 28)]);

        var states = await engine.Services.GetRequiredService<AlertEvaluator>().EvaluateAsync(db);

        Assert.Equal(12d, states[0].Value!.Value, 6);
        Assert.True(states[0].Firing, states[0].Message);
        Assert.False(states[1].Firing, states[1].Message);
    }

    private static Task<Engine> StartAsync(string provider, CollectingSink? sink, Action<StockAndFlowBuilder, Stock, Stock, Flow> alerts) =>
        Engine.StartAsync(provider, sf =>
        {
            var open = sf.Stock<Ticket>("open-tickets", t => t.Open).Named("Open tickets");
            var closed = sf.Stock<Ticket>("closed-tickets", t => !t.Open);
            var opening = sf.Flow<Ticket>("opening").From(Stock.External).To(open).Flow;
            sf.Flow<Ticket>("closing").From(open).To(closed);
            alerts(sf, open, closed, opening);
        }, services: s => { if (sink is not null) { s.AddSingleton<IAlertSink>(sink); } });

    // Each day from 09:00: opens, then closes tickets, ten minutes apart; then the next day's 09:00.
    private static async Task DaysAsync(Engine engine, TestDbContext db, (int Open, int Close)[] days)
    {
        foreach (var (opened, closing) in days)
        {
            engine.Time.SetUtcNow(new DateTimeOffset(engine.Time.GetUtcNow().UtcDateTime.Date.AddDays(1).AddHours(9), TimeSpan.Zero));
            for (var i = 0; i < opened; i++)
            {
                db.Tickets.Add(new Ticket { Open = true });
                await db.SaveChangesAsync();
                engine.Time.Advance(TimeSpan.FromMinutes(10));
            }

            foreach (var ticket in (await db.Tickets.Where(t => t.Open).OrderBy(t => t.Id).Take(closing).ToListAsync()))
            {
                ticket.Open = false;
                await db.SaveChangesAsync();
                engine.Time.Advance(TimeSpan.FromMinutes(10));
            }
        }

        engine.Time.SetUtcNow(new DateTimeOffset(engine.Time.GetUtcNow().UtcDateTime.Date.AddDays(1).AddHours(9), TimeSpan.Zero));
    }

    private sealed class CollectingSink : IAlertSink
    {
        public List<AlertNotice> Notices { get; } = [];

        public Task SendAsync(AlertNotice notice, CancellationToken cancellationToken)
        {
            Notices.Add(notice);
            return Task.CompletedTask;
        }
    }
}
