using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using StockAndFlow.Definitions;
using StockAndFlow.Tests.Support;

namespace StockAndFlow.Tests.Capture;

/// <summary>
/// Saves whose entries carry no original values of their own (the edit-form pattern, Attach + Modified,
/// stub deletes): capture reads the stored rows instead of trusting the tracker.
/// </summary>
public sealed class DisconnectedSaveTests
{
    [Theory, AllProviders]
    public async Task Capture_RecordsTheMove_WhenADisconnectedEntityIsUpdated(string provider)
    {
        await using var engine = await Engine.StartAsync(provider, CaptureSemanticsTests.UserFlows);
        var id = await AddUserAsync(engine, active: true);

        await using var db = engine.NewContext();
        db.Update(new User { Id = id, Name = "edited", IsActive = false });
        await db.SaveChangesAsync();

        var deactivating = Assert.Single(await engine.EventsAsync(), e => e.Flow != "creating");
        Assert.Equal(("deactivating", "active", "inactive"), (deactivating.Flow, deactivating.Source, deactivating.Sink));
    }

    [Theory, AllProviders]
    public async Task Capture_RecordsTheMove_WhenAnAttachedEntityIsMarkedModified(string provider)
    {
        await using var engine = await Engine.StartAsync(provider, CaptureSemanticsTests.UserFlows);
        var id = await AddUserAsync(engine, active: true);

        await using var db = engine.NewContext();
        db.Attach(new User { Id = id, Name = "edited", IsActive = false }).State = EntityState.Modified;
        db.SaveChanges();

        Assert.Equal(["creating", "deactivating"], (await engine.EventsAsync()).Select(e => e.Flow));
    }

    [Theory, AllProviders]
    public async Task Capture_ReadsTheStoredRowsOfACompositeKey_ThousandsOfThemInOneSave(string provider)
    {
        // 1 500 disconnected lines, keyed by (order, line): their stored rows are read in one query.
        await using var engine = await Engine.StartAsync(provider, sf =>
            sf.Flow<LineItem>("closing").From(sf.Stock<LineItem>("open-lines", i => i.Open)).To(sf.Stock<LineItem>("closed-lines", i => !i.Open)));
        var lines = Enumerable.Range(1, 500).SelectMany(o => Enumerable.Range(1, 3).Select(l => (Order: o, Line: l))).ToList();
        await using (var db = engine.NewContext())
        {
            db.LineItems.AddRange(lines.Select(k => new LineItem { OrderNo = k.Order, LineNo = k.Line, Sku = "a", Open = k.Line != 3 }));
            await db.SaveChangesAsync();
        }

        await using (var db = engine.NewContext())
        {
            db.UpdateRange(lines.Select(k => new LineItem { OrderNo = k.Order, LineNo = k.Line, Sku = "b", Open = false }));
            await db.SaveChangesAsync();
        }

        // Lines 1 and 2 of every order were open and closed now; line 3 was closed all along.
        var closing = (await engine.EventsAsync()).Where(e => e.Flow == "closing").Select(e => e.SubjectKey).Order(StringComparer.Ordinal);
        Assert.Equal(lines.Where(k => k.Line != 3).Select(k => $"{k.Order},{k.Line}").Order(StringComparer.Ordinal), closing);
    }

    [Theory, AllProviders]
    public async Task Capture_RecordsNothing_WhenADisconnectedUpdateChangesNoStock(string provider)
    {
        await using var engine = await Engine.StartAsync(provider, CaptureSemanticsTests.UserFlows);
        var id = await AddUserAsync(engine, active: false);

        await using var db = engine.NewContext();
        db.Update(new User { Id = id, Name = "renamed", IsActive = false });
        await db.SaveChangesAsync();

        Assert.Equal(["creating"], (await engine.EventsAsync()).Select(e => e.Flow));
    }

    [Theory, AllProviders]
    public async Task Capture_RecordsTheStocksAStubDeleteLeft(string provider)
    {
        await using var engine = await Engine.StartAsync(provider, sf =>
        {
            var active = sf.Stock<User>("active", u => u.IsActive);
            var inactive = sf.Stock<User>("inactive", u => !u.IsActive);
            sf.Flow<User>("leaving-active").From(active).To(Stock.External);
            sf.Flow<User>("leaving-inactive").From(inactive).To(Stock.External);
        });
        var id = await AddUserAsync(engine, active: false);

        // A stub holds only the key: its IsActive (true by default) says nothing about the stored row.
        await using var db = engine.NewContext();
        db.Remove(new User { Id = id });
        await db.SaveChangesAsync();

        var leaving = Assert.Single(await engine.EventsAsync());
        Assert.Equal(("leaving-inactive", "inactive", (string?)null), (leaving.Flow, leaving.Source, leaving.Sink));
    }

    [Theory, AllProviders]
    public async Task Capture_ReadsStoredRowsInOneQueryPerEntityType_AndNoneForTrackedEntries(string provider)
    {
        await using var engine = await Engine.StartAsync(provider, CaptureSemanticsTests.UserFlows);
        var ids = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await AddUserAsync(engine, active: true));
        }

        var commands = new CommandCounter();
        await using (var db = engine.NewContextWith(commands))
        {
            var tracked = await db.Users.SingleAsync(u => u.Id == ids[0]);
            commands.Reset();
            tracked.IsActive = false;
            await db.SaveChangesAsync();
            Assert.Equal(0, commands.Selects);
        }

        await using (var db = engine.NewContextWith(commands))
        {
            commands.Reset();
            db.Update(new User { Id = ids[1], IsActive = false });
            db.Remove(new User { Id = ids[2] });
            await db.SaveChangesAsync();
            Assert.Equal(1, commands.Selects);
        }

        Assert.Equal(["deactivating", "deactivating"], (await engine.EventsAsync()).Where(e => e.Flow != "creating").Select(e => e.Flow));
    }

    [Theory, AllProviders]
    public async Task Capture_TrustsOriginalValues_OfRowsTheContextAddedBefore(string provider)
    {
        await using var engine = await Engine.StartAsync(provider, CaptureSemanticsTests.UserFlows);
        var commands = new CommandCounter();
        await using var db = engine.NewContextWith(commands);
        var user = new User { IsActive = true };
        db.Users.Add(user);
        await db.SaveChangesAsync();

        commands.Reset();
        user.IsActive = false;
        await db.SaveChangesAsync();

        Assert.Equal(0, commands.Selects);
        Assert.Equal(["creating", "deactivating"], (await engine.EventsAsync()).Select(e => e.Flow));
    }

    internal static async Task<int> AddUserAsync(Engine engine, bool active)
    {
        await using var db = engine.NewContext();
        var user = new User { Name = "stored", IsActive = active };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    }
}
