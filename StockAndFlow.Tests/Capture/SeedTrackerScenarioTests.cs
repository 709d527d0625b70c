using StockAndFlow.Definitions;
using StockAndFlow.Tests.Support;

namespace StockAndFlow.Tests.Capture;

/// <summary>django-stockandflow's ModelTracker test, re-expressed over a SaveChanges interceptor.</summary>
public sealed class SeedTrackerScenarioTests
{
    private static void Define(StockAndFlowBuilder sf)
    {
        var staff = sf.Stock<User>("staff", u => u.IsStaff);
        var active = sf.Stock<User>("active", u => u.IsActive);
        var inactive = sf.Stock<User>("inactive", u => !u.IsActive);
        sf.Flow<User>("creating").From(Stock.External).To(active);
        sf.Flow<User>("deactivating").From(active).To(inactive);
        sf.Flow<User>("staffing").From(Stock.External).To(staff);
    }

    [Theory, AllProviders]
    public async Task CreatingDeactivatingAndReactivatingRecordTheSeedsEvents(string provider)
    {
        await using var engine = await Engine.StartAsync(provider, Define);
        await using var db = engine.NewContext();
        var user = new User { Name = "ada", IsActive = true };
        db.Users.Add(user);
        await db.SaveChangesAsync();

        var events = await engine.EventsAsync();
        var created = Assert.Single(events);
        Assert.Equal("creating", created.Flow);
        Assert.Null(created.Source);
        Assert.Equal("active", created.Sink);
        Assert.Equal(user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), created.SubjectKey);
        Assert.Equal(nameof(User), created.SubjectType);

        user.IsActive = false;
        await db.SaveChangesAsync();
        Assert.Single(await engine.EventsAsync(), e => e.Flow == "deactivating");

        // inactive -> active matches no flow: nothing is recorded and nothing fails.
        user.IsActive = true;
        await db.SaveChangesAsync();
        Assert.Equal(2, (await engine.EventsAsync()).Count);

        user.IsActive = false;
        await db.SaveChangesAsync();
        var deactivations = (await engine.EventsAsync()).Where(e => e.Flow == "deactivating").ToList();
        Assert.Equal(2, deactivations.Count);
        Assert.All(deactivations, e => Assert.Equal(("active", "inactive"), (e.Source, e.Sink)));
    }

    [Theory, AllProviders]
    public async Task SavingTheSameInstanceAgainWithoutAChangeAddsNoEvent(string provider)
    {
        await using var engine = await Engine.StartAsync(provider, Define);
        await using var db = engine.NewContext();
        var user = new User { Name = "ada" };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        user.IsActive = false;
        await db.SaveChangesAsync();

        await db.SaveChangesAsync();
        db.Update(user);
        await db.SaveChangesAsync();

        Assert.Equal(["creating", "deactivating"], (await engine.EventsAsync()).Select(e => e.Flow));
    }

    [Theory, AllProviders]
    public async Task AChangeToAPropertyNoStockReadsRecordsNothing(string provider)
    {
        await using var engine = await Engine.StartAsync(provider, Define);
        await using var db = engine.NewContext();
        var user = new User { Name = "ada" };
        db.Users.Add(user);
        await db.SaveChangesAsync();

        user.Name = "grace";
        await db.SaveChangesAsync();

        Assert.Single(await engine.EventsAsync());
    }
}
