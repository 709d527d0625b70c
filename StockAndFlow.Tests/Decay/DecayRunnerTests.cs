using StockAndFlow.Moves;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StockAndFlow.Decay;
using StockAndFlow.Definitions;
using StockAndFlow.Tests.Support;

namespace StockAndFlow.Tests.Decay;

/// <summary>Decay over items whose "opened" time ages: open items older than 7 days close.</summary>
public sealed class DecayRunnerTests
{
    /// <summary>Open and closed tickets, with the rule that closes tickets untouched for 7 days.</summary>
    internal static void Define(StockAndFlowBuilder sf)
    {
        var open = sf.Stock<Ticket>("open-tickets", t => t.Open);
        var closed = sf.Stock<Ticket>("closed-tickets", t => !t.Open);
        sf.Flow<Ticket>("opening").From(Stock.External).To(open);
        sf.Flow<Ticket>("expiring").From(open).To(closed);
        sf.Decay<Ticket>("stale-tickets").From(open).To(closed)
            .When(t => t.TouchedAt, olderThan: TimeSpan.FromDays(7))
            .Set((s, now) => s.SetProperty(t => t.Open, false).SetProperty(t => t.ClosedAt, now));
    }

    [Theory]
    [AllProviders]
    public async Task Decay_MovesExactlyTheRowsWhoseAgePassed_WithOneEventEach(string provider)
    {
        await using var engine = await StartAsync(provider);
        var runner = engine.Services.GetRequiredService<DecayRunner>();
        var rule = engine.Model.FindDecayRule("stale-tickets")!;
        await using var db = engine.NewContext();

        Assert.Equal(2, await runner.PreviewAsync(db, rule));
        var result = await runner.RunAsync(db, rule);

        Assert.Equal(new TransitionResult(2, 2), result);
        var tickets = await db.Set<Ticket>().AsNoTracking().OrderBy(t => t.Id).ToListAsync();
        Assert.Equal([false, false, true, true], tickets.Select(t => t.Open));
        Assert.All(tickets.Take(2), t => Assert.Equal(engine.Time.GetUtcNow().UtcDateTime, t.ClosedAt));
        var expiring = (await engine.EventsAsync()).Where(e => e.Flow == "expiring").ToList();
        Assert.Equal(tickets.Take(2).Select(t => t.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), expiring.Select(e => e.SubjectKey));
        Assert.All(expiring, e => Assert.Equal(("open-tickets", "closed-tickets"), (e.Source, e.Sink)));
    }

    [Theory]
    [AllProviders]
    public async Task Decay_RunTwice_MovesNothingTheSecondTime(string provider)
    {
        await using var engine = await StartAsync(provider);
        var runner = engine.Services.GetRequiredService<DecayRunner>();
        var rule = engine.Model.FindDecayRule("stale-tickets")!;
        await using var db = engine.NewContext();

        await runner.RunAsync(db, rule);
        var second = await runner.RunAsync(db, rule);

        Assert.Equal(new TransitionResult(0, 0), second);
        Assert.Equal(2, (await engine.EventsAsync()).Count(e => e.Flow == "expiring"));
    }

    [Theory]
    [AllProviders]
    public async Task Decay_DoesNothingWhilePaused_AndThePauseIsStored(string provider)
    {
        await using var engine = await StartAsync(provider);
        var runner = engine.Services.GetRequiredService<DecayRunner>();
        var rule = engine.Model.FindDecayRule("stale-tickets")!;
        await using (var db = engine.NewContext())
        {
            await runner.SetPausedAsync(db, rule, paused: true);
        }

        await using (var db = engine.NewContext())
        {
            Assert.True(await runner.IsPausedAsync(db, rule));
            Assert.Equal(new TransitionResult(0, 0), await runner.RunAsync(db, rule));
            Assert.Equal(2, await runner.PreviewAsync(db, rule));
            await runner.SetPausedAsync(db, rule, paused: false);
            Assert.Equal(2, (await runner.RunAsync(db, rule)).Moved);
        }
    }

    [Theory]
    [AllProviders]
    public async Task Decay_AgesOnTheTimeProvidersClock(string provider)
    {
        await using var engine = await StartAsync(provider);
        var runner = engine.Services.GetRequiredService<DecayRunner>();
        var rule = engine.Model.FindDecayRule("stale-tickets")!;
        await using var db = engine.NewContext();

        engine.Time.Advance(TimeSpan.FromDays(2));

        Assert.Equal(3, await runner.PreviewAsync(db, rule));
    }

    [Fact]
    public void Decay_Throws_WhenNoFlowRecordsItsMoves()
    {
        var ex = Assert.Throws<StockAndFlowDefinitionException>(() => StockAndFlowModel.From([new DelegateDefinition(sf =>
        {
            var open = sf.Stock<Ticket>("open-tickets", t => t.Open);
            var closed = sf.Stock<Ticket>("closed-tickets", t => !t.Open);
            sf.Decay<Ticket>("stale-tickets").From(open).To(closed).When(t => t.TouchedAt, TimeSpan.FromDays(1)).Set(s => s.SetProperty(t => t.Open, false));
        })]));
        Assert.Contains("Decay rule 'stale-tickets'", ex.Message);
        Assert.Contains("no flow goes from one to the other", ex.Message);
    }

    private static async Task<Engine> StartAsync(string provider)
    {
        var engine = await Engine.StartAsync(provider, Define);
        var now = engine.Time.GetUtcNow().UtcDateTime;
        await using var db = engine.NewContext();
        db.Set<Ticket>().AddRange(
            new Ticket { Open = true, TouchedAt = now.AddDays(-30) },
            new Ticket { Open = true, TouchedAt = now.AddDays(-8) },
            new Ticket { Open = true, TouchedAt = now.AddDays(-6) },
            new Ticket { Open = true, TouchedAt = now });
        await db.SaveChangesAsync();
        return engine;
    }
}
