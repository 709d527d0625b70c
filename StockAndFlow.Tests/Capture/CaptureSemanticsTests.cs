using Microsoft.EntityFrameworkCore;
using StockAndFlow.Definitions;
using StockAndFlow.Tests.Support;

namespace StockAndFlow.Tests.Capture;

public sealed class CaptureSemanticsTests
{
    [Theory, AllProviders]
    public async Task Capture_RecordsOneEventPerFiringFlow_WhenStocksOfSeparateGroupsOverlap(string provider)
    {
        await using var engine = await Engine.StartAsync(provider, sf =>
        {
            var active = sf.Stock<User>("active", u => u.IsActive);
            var activeStaff = sf.Stock<User>("active-staff", u => u.IsActive && u.IsStaff);
            var inactive = sf.Stock<User>("inactive", u => !u.IsActive);
            sf.Flow<User>("deactivating").From(active).To(inactive);
            sf.Flow<User>("staff-leaving").From(activeStaff).To(Stock.External);
        });
        await using var db = engine.NewContext();
        var user = new User { IsActive = true, IsStaff = true };
        db.Users.Add(user);
        await db.SaveChangesAsync();

        user.IsActive = false;
        await db.SaveChangesAsync();

        var events = await engine.EventsAsync();
        Assert.Equal([("deactivating", "active", "inactive"), ("staff-leaving", "active-staff", null)], events.Select(e => (e.Flow, e.Source, e.Sink)).Order());
    }

    [Theory, AllProviders]
    public async Task Capture_RecordsAtMostOneEventPerFlowPerRowPerSave_WhenSeveralPairsMatch(string provider)
    {
        await using var engine = await Engine.StartAsync(provider, sf =>
        {
            var active = sf.Stock<User>("active", u => u.IsActive);
            var staff = sf.Stock<User>("staff", u => u.IsStaff);
            var inactive = sf.Stock<User>("inactive", u => !u.IsActive);
            var outsider = sf.Stock<User>("outsider", u => !u.IsStaff);
            sf.Flow<User>("leaving").From(active, staff).To(inactive, outsider);
        });
        await using var db = engine.NewContext();
        var user = new User { IsActive = true, IsStaff = true };
        db.Users.Add(user);
        await db.SaveChangesAsync();

        user.IsActive = false;
        user.IsStaff = false;
        await db.SaveChangesAsync();

        var leaving = Assert.Single(await engine.EventsAsync());
        Assert.Equal(("active", "inactive"), (leaving.Source, leaving.Sink));
    }

    [Theory, AllProviders]
    public async Task Capture_RecordsDeletesAsFlowsToExternal(string provider)
    {
        await using var engine = await Engine.StartAsync(provider, sf =>
        {
            var active = sf.Stock<User>("active", u => u.IsActive);
            sf.Flow<User>("leaving").From(active).To(Stock.External);
        });
        await using var db = engine.NewContext();
        var user = new User { IsActive = true };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        var id = user.Id;

        db.Users.Remove(user);
        await db.SaveChangesAsync();

        var leaving = Assert.Single(await engine.EventsAsync());
        Assert.Equal(("active", (string?)null), (leaving.Source, leaving.Sink));
        Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), leaving.SubjectKey);
    }

    [Theory, AllProviders]
    public async Task Capture_LeavesNoEvent_WhenTheCallersTransactionRollsBack(string provider)
    {
        await using var engine = await Engine.StartAsync(provider, UserFlows);
        await using var db = engine.NewContext();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            db.Users.Add(new User { IsActive = true });
            await db.SaveChangesAsync();
            db.Users.Add(new User { IsActive = false });
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        Assert.Empty(await engine.EventsAsync());
        await using var check = engine.NewContext();
        Assert.Empty(await check.Users.ToListAsync());
    }

    [Theory, AllProviders]
    public async Task Capture_LeavesNoEventAndNoLingeringRow_WhenTheSaveFails(string provider)
    {
        await using var engine = await Engine.StartAsync(provider, sf =>
        {
            var open = sf.Stock<StringItem>("open-items", i => i.Open);
            var closed = sf.Stock<StringItem>("closed-items", i => !i.Open);
            sf.Flow<StringItem>("closing").From(open).To(closed);
        });
        await using (var setup = engine.NewContext())
        {
            setup.StringItems.AddRange(new StringItem { Id = "a", Open = true }, new StringItem { Id = "b", Open = true });
            await setup.SaveChangesAsync();
        }

        await using var db = engine.NewContext();
        var a = await db.StringItems.SingleAsync(i => i.Id == "a");
        a.Open = false;
        db.StringItems.Add(new StringItem { Id = "b", Open = true }); // duplicate key: the save fails
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.Empty(await engine.EventsAsync());

        // Retrying after fixing the cause writes the event once, not twice.
        db.ChangeTracker.Entries<StringItem>().Single(e => e.State == EntityState.Added).State = EntityState.Detached;
        await db.SaveChangesAsync();
        Assert.Single(await engine.EventsAsync());
    }

    [Theory, AllProviders]
    public async Task Capture_WorksWithSynchronousSaveChanges(string provider)
    {
        await using var engine = await Engine.StartAsync(provider, UserFlows);
        await using var db = engine.NewContext();
        var user = new User { IsActive = true };
        db.Users.Add(user);
        db.SaveChanges();
        user.IsActive = false;
        db.SaveChanges();

        Assert.Equal(["creating", "deactivating"], (await engine.EventsAsync()).Select(e => e.Flow));
    }

    [Theory, AllProviders]
    public async Task Capture_StampsEventsWithTheTimeProvidersUtcNow(string provider)
    {
        await using var engine = await Engine.StartAsync(provider, UserFlows);
        engine.Time.SetUtcNow(new DateTimeOffset(2026, 7, 1, 12, 30, 0, TimeSpan.Zero));
        await using var db = engine.NewContext();
        db.Users.Add(new User { IsActive = true });
        await db.SaveChangesAsync();

        var created = Assert.Single(await engine.EventsAsync());
        Assert.Equal(new DateTime(2026, 7, 1, 12, 30, 0, DateTimeKind.Utc), created.OccurredAt);
        Assert.Equal(DateTimeKind.Utc, created.OccurredAt.Kind);
    }

    [Theory, AllProviders]
    public async Task Capture_RecordsNothing_WhenARowIsAddedOutsideEveryStock(string provider)
    {
        await using var engine = await Engine.StartAsync(provider, sf =>
        {
            var staff = sf.Stock<User>("staff", u => u.IsStaff);
            sf.Flow<User>("hiring").From(Stock.External).To(staff);
        });
        await using var db = engine.NewContext();
        var user = new User { IsStaff = false };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        Assert.Empty(await engine.EventsAsync());

        // Entering its first stock later is a flow from External.
        user.IsStaff = true;
        await db.SaveChangesAsync();
        Assert.Equal(("hiring", (string?)null, "staff"), Assert.Single((await engine.EventsAsync()).Select(e => (e.Flow, e.Source, e.Sink))));
    }

    internal static void UserFlows(StockAndFlowBuilder sf)
    {
        var active = sf.Stock<User>("active", u => u.IsActive);
        var inactive = sf.Stock<User>("inactive", u => !u.IsActive);
        sf.Flow<User>("creating").From(Stock.External).To(active, inactive);
        sf.Flow<User>("deactivating").From(active).To(inactive);
    }
}
