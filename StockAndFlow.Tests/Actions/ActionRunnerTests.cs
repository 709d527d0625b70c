using StockAndFlow.Reading;
using StockAndFlow.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StockAndFlow.Actions;
using StockAndFlow.Definitions;
using StockAndFlow.Tests.Support;

namespace StockAndFlow.Tests.Actions;

public sealed class ActionRunnerTests
{
    private static void Define(StockAndFlowBuilder sf)
    {
        var open = sf.Stock<Ticket>("open-tickets", t => t.Open);
        var closed = sf.Stock<Ticket>("closed-tickets", t => !t.Open);
        sf.Flow<Ticket>("closing").From(open).To(closed);
        sf.Flow<Ticket>("reopening").From(closed).To(open);
        sf.Action<Ticket>("close", "Close").On(open).Set((s, now) => s.SetProperty(t => t.Open, false).SetProperty(t => t.ClosedAt, now));
        sf.Action<Ticket>("touch", "Touch").On(open, closed).Set((s, now) => s.SetProperty(t => t.TouchedAt, now));
        sf.Action<Ticket>("reopen-one-by-one", "Reopen").On(closed).ForEachRow((t, _, _) =>
        {
            t.Open = true;
            return Task.CompletedTask;
        });
    }

    [Theory]
    [AllProviders]
    public async Task SetBasedAction_MovesTheSelectedMembers_WithOneEventEach(string provider)
    {
        await using var engine = await StartAsync(provider, 10);
        var runner = engine.Services.GetRequiredService<ActionRunner>();
        await using var db = engine.NewContext();
        var ids = await db.Tickets.OrderBy(t => t.Id).Select(t => t.Id).Take(3).ToListAsync();
        var selection = new MemberSelection(Keys: [.. ids.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))]);

        Assert.Equal(3, await runner.CountAsync(db, engine.Model.FindStock("open-tickets")!, selection));
        var result = await runner.ExecuteAsync(db, engine.Model.FindAction("close")!, engine.Model.FindStock("open-tickets")!, selection);

        Assert.Equal(3, result.Moved);
        Assert.Equal(7, await db.Tickets.CountAsync(t => t.Open));
        Assert.Equal(3, (await engine.EventsAsync()).Count(e => e.Flow == "closing"));
    }

    [Theory]
    [AllProviders]
    public async Task SetBasedAction_ThatKeepsRowsInTheirStock_RecordsNoEvent(string provider)
    {
        await using var engine = await StartAsync(provider, 5);
        var runner = engine.Services.GetRequiredService<ActionRunner>();
        await using var db = engine.NewContext();

        var result = await runner.ExecuteAsync(db, engine.Model.FindAction("touch")!, engine.Model.FindStock("open-tickets")!, MemberSelection.None);

        Assert.Equal(new StockAndFlow.Moves.TransitionResult(5, 0), result);
        Assert.Empty(await engine.EventsAsync());
        Assert.All(await db.Tickets.ToListAsync(), t => Assert.Equal(engine.Time.GetUtcNow().UtcDateTime, t.TouchedAt));
    }

    [Theory]
    [AllProviders]
    public async Task PerRowAction_SavesThroughSaveChanges_SoCaptureRecordsTheMoves(string provider)
    {
        await using var engine = await StartAsync(provider, 4);
        var runner = engine.Services.GetRequiredService<ActionRunner>();
        await using var db = engine.NewContext();
        await runner.ExecuteAsync(db, engine.Model.FindAction("close")!, engine.Model.FindStock("open-tickets")!, MemberSelection.None);

        var result = await runner.ExecuteAsync(db, engine.Model.FindAction("reopen-one-by-one")!, engine.Model.FindStock("closed-tickets")!, MemberSelection.None);

        Assert.Equal(4, result.Moved);
        Assert.Equal(4, (await engine.EventsAsync()).Count(e => e.Flow == "reopening"));
    }

    [Theory]
    [AllProviders]
    public async Task Executions_AreAudited_WithWhoWhatAndRowsAffected_AndRunOnce(string provider)
    {
        await using var engine = await StartAsync(provider, 6);
        var executions = engine.Services.GetRequiredService<ActionExecutions>();
        await using var db = engine.NewContext();

        var id = await executions.RequestAsync(db, engine.Model.FindAction("close")!, engine.Model.FindStock("open-tickets")!, MemberSelection.None, "ops@example.com");
        var done = await executions.RunAsync(id);
        var again = await executions.RunAsync(id);

        Assert.Equal(ActionExecutionStatus.Succeeded, done.Status);
        Assert.Equal(("close", "open-tickets", "all members", "ops@example.com", 6, 6), (done.Action, done.Stock, done.Filter, done.User, done.Selected, done.Affected));
        Assert.Equal(done.FinishedAt, again.FinishedAt);
        Assert.Equal(6, (await engine.EventsAsync()).Count);
    }

    [Theory]
    [AllProviders]
    public async Task Action_Throws_OnAStockItIsNotOfferedOn(string provider)
    {
        await using var engine = await StartAsync(provider, 1);
        var runner = engine.Services.GetRequiredService<ActionRunner>();
        await using var db = engine.NewContext();

        await Assert.ThrowsAsync<MemberQueryException>(() => runner.ExecuteAsync(db, engine.Model.FindAction("close")!, engine.Model.FindStock("closed-tickets")!, MemberSelection.None));
    }

    private static async Task<Engine> StartAsync(string provider, int tickets)
    {
        var engine = await Engine.StartAsync(provider, Define);
        await using var db = engine.NewContext();
        db.Tickets.AddRange(Enumerable.Range(0, tickets).Select(_ => new Ticket { Open = true }));
        await db.SaveChangesAsync();
        return engine;
    }
}
