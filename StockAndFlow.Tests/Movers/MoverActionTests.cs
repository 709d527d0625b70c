using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StockAndFlow.Actions;
using StockAndFlow.Reading;
using StockAndFlow.Storage;
using StockAndFlow.Tests.Support;

namespace StockAndFlow.Tests.Movers;

public sealed class MoverActionTests
{
    [Theory]
    [AllProviders]
    public async Task AllMatchingMovers_GetTheAction_ResolvedWhenItRuns_WithTheAuditAndOneFlowEventEach(string provider)
    {
        await using var engine = await MoversScenario.StartAsync(provider);
        var executions = engine.Services.GetRequiredService<ActionExecutions>();
        var now = MoversScenario.Now(engine);
        var source = MemberSource.MoversOf(engine.Model.FindFlow(MoversScenario.Deactivating)!, now.AddDays(-7), now);
        var before = await UsersAsync(engine);
        var lastEvent = (await engine.EventsAsync()).Max(e => e.Id);
        long id;
        await using (var db = engine.NewContext())
        {
            id = await executions.RequestAsync(db, engine.Model.FindAction("reactivate")!, source, new MemberSelection("region", "eu"), "ann");
        }

        // Rows that change between the request and the run are taken as they are when it runs.
        await using (var db = engine.NewContext())
        {
            var late = await db.Users.Where(u => u.Region == "us").OrderBy(u => u.Id).FirstAsync();
            late.Region = "eu";
            await db.SaveChangesAsync();
        }

        var expected = await MoversScenario.ExpectedAsync(engine, MoversScenario.Deactivating, now.AddDays(-7), now, u => u.Region == "eu" && !u.IsActive);
        var execution = await executions.RunAsync(id);

        Assert.True(expected.Count > 2, $"the scenario should have inactive movers in eu, it has {expected.Count}");
        Assert.Equal(ActionExecutionStatus.Succeeded, execution.Status);
        Assert.Equal(expected.Count, execution.Affected);
        Assert.Equal(MoversScenario.Deactivating, execution.Stock);
        Assert.Equal($"movers of Active → Inactive, {now.AddDays(-7):yyyy-MM-dd}..{now:dd}, region=eu", execution.Filter);
        var after = await UsersAsync(engine);
        Assert.Equal(expected.Keys.Order(), after.Where(u => u.Value.IsActive && !before[u.Key].IsActive).Select(u => u.Key).Order());
        Assert.All(after, u => Assert.True(u.Value.IsActive || !expected.ContainsKey(u.Key)));
        var events = await MoversScenario.EventsSinceAsync(engine, lastEvent);
        Assert.All(events, e => Assert.Equal(("reactivating", "inactive", "active", now), (e.Flow, e.Source!, e.Sink!, e.OccurredAt)));
        Assert.Equal(expected.Keys.Select(k => k.ToString(CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal), events.Select(e => e.SubjectKey).Order(StringComparer.Ordinal));
    }

    [Theory]
    [AllProviders]
    public async Task AnActionOnSeveralStocks_ReachesEveryMover_WhereverItIs_AndTickedRowsStayWithinTheMovers(string provider)
    {
        await using var engine = await MoversScenario.StartAsync(provider);
        var runner = engine.Services.GetRequiredService<ActionRunner>();
        var now = MoversScenario.Now(engine);
        var source = MemberSource.MoversOf(engine.Model.FindFlow("reactivating")!, now.AddDays(-30), now);
        var expected = await MoversScenario.ExpectedAsync(engine, "reactivating", now.AddDays(-30), now, _ => true);
        var outsider = (await UsersAsync(engine)).Keys.First(k => !expected.ContainsKey(k));
        var ticked = new MemberSelection(Keys: [expected.Keys.Min().ToString(CultureInfo.InvariantCulture), outsider.ToString(CultureInfo.InvariantCulture)]);
        var action = engine.Model.FindAction("make-staff")!;
        await using var db = engine.NewContext();

        Assert.Equal(1, await runner.CountAsync(db, action, source, ticked));
        Assert.Equal(expected.Count, await runner.CountAsync(db, action, source, MemberSelection.None));
        var result = await runner.ExecuteAsync(db, action, source, MemberSelection.None);

        Assert.Equal(new StockAndFlow.Moves.TransitionResult(expected.Count, 0), result);
        var staff = (await UsersAsync(engine)).Where(u => u.Value.IsStaff).Select(u => u.Key).Order();
        Assert.Equal(expected.Keys.Order(), staff);
    }

    [Theory]
    [AllProviders]
    public async Task APerRowActionOnMovers_SavesThroughCapture_SoEachMoveIsRecordedOnce(string provider)
    {
        await using var engine = await MoversScenario.StartAsync(provider);
        var runner = engine.Services.GetRequiredService<ActionRunner>();
        var now = MoversScenario.Now(engine);
        var source = MemberSource.MoversOf(engine.Model.FindFlow("reactivating")!, now.AddDays(-10), now);
        var expected = await MoversScenario.ExpectedAsync(engine, "reactivating", now.AddDays(-10), now, u => u.IsActive);
        var lastEvent = (await engine.EventsAsync()).Max(e => e.Id);
        await using var db = engine.NewContext();

        var result = await runner.ExecuteAsync(db, engine.Model.FindAction("deactivate-one-by-one")!, source, MemberSelection.None);

        Assert.True(expected.Count > 2, $"the scenario should have active movers, it has {expected.Count}");
        Assert.Equal(new StockAndFlow.Moves.TransitionResult(expected.Count, expected.Count), result);
        var events = await MoversScenario.EventsSinceAsync(engine, lastEvent);
        Assert.All(events, e => Assert.Equal(MoversScenario.Deactivating, e.Flow));
        Assert.Equal(expected.Keys.Select(k => k.ToString(CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal), events.Select(e => e.SubjectKey).Order(StringComparer.Ordinal));
    }

    private static async Task<Dictionary<int, User>> UsersAsync(Engine engine)
    {
        await using var db = engine.NewContext();
        return await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Id);
    }
}
