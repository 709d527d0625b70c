using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StockAndFlow.Decay;
using StockAndFlow.Storage;
using StockAndFlow.Tests.Decay;
using StockAndFlow.Tests.Support;

namespace StockAndFlow.Tests.Annotations;

/// <summary>The record each decay run that moves rows leaves: what the charts mark a run from.</summary>
public sealed class DecayRunRecordTests
{
    [Theory]
    [AllProviders]
    public async Task ARunThatMovesRows_RecordsItsRuleStocksRowsAndWho_AroundItsEvents(string provider)
    {
        await using var engine = await StartAsync(provider, stale: 3, fresh: 2);
        var runner = engine.Services.GetRequiredService<DecayRunner>();
        var rule = engine.Model.FindDecayRule("stale-tickets")!;

        await using (var db = engine.NewContext())
        {
            await runner.RunAsync(db, rule);
            engine.Time.Advance(TimeSpan.FromDays(8));
            await runner.RunAsync(db, rule, "ops@example.com");
            await runner.RunAsync(db, rule); // nothing left to move: no record
        }

        var runs = await RunsAsync(engine);
        var events = (await engine.EventsAsync()).Where(e => e.Flow == "expiring").ToList();
        Assert.Equal(2, runs.Count);
        Assert.Equal([(DecayRun.ScheduledJob, 3), ("ops@example.com", 2)], runs.Select(r => (r.RanBy, r.Moved)));
        foreach (var run in runs)
        {
            Assert.Equal(("stale-tickets", "open-tickets", "closed-tickets"), (run.Rule, run.FromStock, run.ToStock));
            var its = events.Where(e => e.OccurredAt >= run.StartedAt && e.OccurredAt <= run.FinishedAt).ToList();
            Assert.Equal(run.Moved, its.Select(e => e.SubjectKey).Distinct().Count());
            Assert.All(its, e => Assert.Equal(("open-tickets", "closed-tickets"), (e.Source, e.Sink)));
        }

        Assert.Equal(events.Count, runs.Sum(r => r.Moved));
    }

    [Theory]
    [AllProviders]
    public async Task ARunInACallersTransaction_IsRecordedOnlyIfItCommits(string provider)
    {
        await using var engine = await StartAsync(provider, stale: 2, fresh: 0);
        var runner = engine.Services.GetRequiredService<DecayRunner>();
        var rule = engine.Model.FindDecayRule("stale-tickets")!;

        await using (var db = engine.NewContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            Assert.Equal(2, (await runner.RunAsync(db, rule)).Moved);
            await transaction.RollbackAsync();
        }

        Assert.Empty(await RunsAsync(engine));
        Assert.DoesNotContain(await engine.EventsAsync(), e => e.Flow == "expiring");

        await using (var db = engine.NewContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await runner.RunAsync(db, rule);
            await transaction.CommitAsync();
        }

        Assert.Equal([2], (await RunsAsync(engine)).Select(r => r.Moved));
        Assert.Equal(2, (await engine.EventsAsync()).Count(e => e.Flow == "expiring"));
    }

    private static async Task<List<DecayRun>> RunsAsync(Engine engine)
    {
        await using var db = engine.NewContext();
        return await db.Set<DecayRun>().AsNoTracking().OrderBy(r => r.Id).ToListAsync();
    }

    private static async Task<Engine> StartAsync(string provider, int stale, int fresh)
    {
        var engine = await Engine.StartAsync(provider, DecayRunnerTests.Define);
        var now = engine.Time.GetUtcNow().UtcDateTime;
        await using var db = engine.NewContext();
        db.Set<Ticket>().AddRange(Enumerable.Range(0, stale).Select(i => new Ticket { Open = true, TouchedAt = now.AddDays(-10 - i) }));
        db.Set<Ticket>().AddRange(Enumerable.Range(0, fresh).Select(i => new Ticket { Open = true, TouchedAt = now.AddDays(-1 - i) }));
        await db.SaveChangesAsync();
        return engine;
    }
}
