using StockAndFlow.Storage;
using StockAndFlow.Definitions;
using StockAndFlow.Tests.Support;

namespace StockAndFlow.Tests.Capture;

/// <summary>Stocks no flow connects form independent groups, each with its own External.</summary>
public sealed class StockGroupTests
{
    [Theory, AllProviders]
    public async Task Capture_RecordsALeaveFromOneGroup_WhileTheRowStaysInAnother(string provider)
    {
        await using var engine = await Engine.StartAsync(provider, sf =>
        {
            ActiveFlows(sf);
            StaffFlows(sf);
        });
        var (events, counts) = await PlayAsync(engine);

        Assert.Equal(
            [("activating", null, "active"), ("hiring", null, "staff"), ("deactivating", "active", null), ("firing", "staff", null), ("activating", null, "active")],
            events.Select(e => (e.Flow, e.Source, e.Sink)));
        foreach (var stock in new[] { "active", "staff" })
        {
            Assert.Equal(counts[stock], events.Count(e => e.Sink == stock) - events.Count(e => e.Source == stock));
        }
    }

    [Theory, AllProviders]
    public async Task Capture_RecordsTheSameEventsForAGroup_WhetherOrNotAnotherGroupHasFlows(string provider)
    {
        await using var alone = await Engine.StartAsync(provider, ActiveFlows);
        await using var beside = await Engine.StartAsync(provider, sf =>
        {
            ActiveFlows(sf);
            StaffFlows(sf);
        });

        var (aloneEvents, _) = await PlayAsync(alone);
        var (besideEvents, _) = await PlayAsync(beside);

        Assert.Equal(3, aloneEvents.Count);
        Assert.Equal(
            aloneEvents.Select(e => (e.Flow, e.Source, e.Sink)),
            besideEvents.Where(e => e.Flow is "activating" or "deactivating").Select(e => (e.Flow, e.Source, e.Sink)));
    }

    [Fact]
    public void Model_ListsPerGroupTheMovesNoFlowRecords()
    {
        var model = StockAndFlowModel.From([new DelegateDefinition(sf =>
        {
            var active = sf.Stock<User>("active", u => u.IsActive);
            var inactive = sf.Stock<User>("inactive", u => !u.IsActive);
            sf.Flow<User>("creating").From(Stock.External).To(active);
            sf.Flow<User>("deactivating").From(active).To(inactive);
            StaffFlows(sf);
        })]);

        Assert.Equal(["active, inactive", "staff"], model.StockGroups.Select(g => g.ToString()));
        var group = model.GroupOf(model.FindStock("inactive")!)!;
        Assert.Equal(["External → inactive", "active → External", "inactive → External", "inactive → active"], group.UndeclaredMoves.Select(m => m.ToString()));
        Assert.Empty(model.GroupOf(model.FindStock("staff")!)!.UndeclaredMoves);
    }

    [Fact]
    public void Build_Throws_WhenStocksOfOneGroupNest()
    {
        var ex = Assert.Throws<StockAndFlowDefinitionException>(() => StockAndFlowModel.From([new DelegateDefinition(sf =>
        {
            var active = sf.Stock<User>("active", u => u.IsActive);
            var activeStaff = sf.Stock<User>("active-staff", u => u.IsActive && u.IsStaff);
            var inactive = sf.Stock<User>("inactive", u => !u.IsActive);
            sf.Flow<User>("deactivating").From(active).To(inactive);
            sf.Flow<User>("staff-leaving").From(activeStaff).To(inactive);
        })]));

        Assert.Contains("Stocks 'active' and 'active-staff'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Connect them by no flow", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_Throws_WhenTwoFlowsRecordTheSameMove()
    {
        var ex = Assert.Throws<StockAndFlowDefinitionException>(() => StockAndFlowModel.From([new DelegateDefinition(sf =>
        {
            var active = sf.Stock<User>("active", u => u.IsActive);
            var inactive = sf.Stock<User>("inactive", u => !u.IsActive);
            sf.Flow<User>("deactivating").From(active).To(inactive);
            sf.Flow<User>("pausing").From(active).To(inactive, Stock.External);
        })]));

        Assert.Contains("Flows 'deactivating'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'pausing'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("active → inactive", ex.Message, StringComparison.Ordinal);
    }

    private static void ActiveFlows(StockAndFlowBuilder sf)
    {
        var active = sf.Stock<User>("active", u => u.IsActive);
        sf.Flow<User>("activating").From(Stock.External).To(active);
        sf.Flow<User>("deactivating").From(active).To(Stock.External);
    }

    private static void StaffFlows(StockAndFlowBuilder sf)
    {
        var staff = sf.Stock<User>("staff", u => u.IsStaff);
        sf.Flow<User>("hiring").From(Stock.External).To(staff);
        sf.Flow<User>("firing").From(staff).To(Stock.External);
    }

    // An active staff member is deactivated while staying staff, then leaves the staff, then returns.
    private static async Task<(List<FlowEvent> Events, Dictionary<string, long> Counts)> PlayAsync(Engine engine)
    {
        await using var db = engine.NewContext();
        var user = new User { IsActive = true, IsStaff = true };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        user.IsActive = false;
        await db.SaveChangesAsync();
        user.IsStaff = false;
        await db.SaveChangesAsync();
        user.IsActive = true;
        await db.SaveChangesAsync();
        var counts = await engine.Counter.CountAllAsync(db);
        return (await engine.EventsAsync(), counts.ToDictionary(c => c.Stock.Slug, c => c.Total));
    }
}
