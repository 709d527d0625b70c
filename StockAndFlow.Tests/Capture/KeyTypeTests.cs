using StockAndFlow.Definitions;
using StockAndFlow.Tests.Support;

namespace StockAndFlow.Tests.Capture;

public sealed class KeyTypeTests
{
    private static void Define<T>(StockAndFlowBuilder sf, System.Linq.Expressions.Expression<Func<T, bool>> open, System.Linq.Expressions.Expression<Func<T, bool>> closed)
        where T : class
    {
        var o = sf.Stock("open", open);
        var c = sf.Stock("closed", closed);
        sf.Flow<T>("opening").From(Stock.External).To(o);
        sf.Flow<T>("closing").From(o).To(c);
    }

    [Theory, AllProviders]
    public async Task Capture_WritesStoreGeneratedLongKeys(string provider)
    {
        await using var engine = await Engine.StartAsync(provider, sf => Define<LongItem>(sf, i => i.Open, i => !i.Open));
        await using var db = engine.NewContext();
        var items = Enumerable.Range(0, 3).Select(_ => new LongItem { Open = true }).ToList();
        db.LongItems.AddRange(items);
        await db.SaveChangesAsync();
        items[1].Open = false;
        await db.SaveChangesAsync();

        var events = await engine.EventsAsync();
        Assert.Equal(items.Select(i => i.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), events.Where(e => e.Flow == "opening").Select(e => e.SubjectKey));
        Assert.Equal(items[1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(events, e => e.Flow == "closing").SubjectKey);
        Assert.All(items, i => Assert.True(i.Id > 0));
    }

    [Theory, AllProviders]
    public async Task Capture_WritesGuidKeysInTheirStandardForm(string provider)
    {
        await using var engine = await Engine.StartAsync(provider, sf => Define<GuidItem>(sf, i => i.Open, i => !i.Open));
        await using var db = engine.NewContext();
        var id = Guid.Parse("6f9619ff-8b86-d011-b42d-00cf4fc964ff");
        db.GuidItems.Add(new GuidItem { Id = id, Open = true });
        await db.SaveChangesAsync();

        Assert.Equal("6f9619ff-8b86-d011-b42d-00cf4fc964ff", Assert.Single(await engine.EventsAsync()).SubjectKey);
    }

    [Theory, AllProviders]
    public async Task Capture_WritesStringKeysAsTheyAre(string provider)
    {
        await using var engine = await Engine.StartAsync(provider, sf => Define<StringItem>(sf, i => i.Open, i => !i.Open));
        await using var db = engine.NewContext();
        var item = new StringItem { Id = "SKU-42/a", Open = true };
        db.StringItems.Add(item);
        await db.SaveChangesAsync();
        item.Open = false;
        await db.SaveChangesAsync();

        Assert.Equal(["SKU-42/a", "SKU-42/a"], (await engine.EventsAsync()).Select(e => e.SubjectKey));
    }

    [Theory, AllProviders]
    public async Task Capture_WritesStoreGeneratedIntKeysInsideTheCallersTransaction(string provider)
    {
        await using var engine = await Engine.StartAsync(provider, CaptureSemanticsTests.UserFlows);
        await using var db = engine.NewContext();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            db.Users.Add(new User { IsActive = true });
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        await using var check = engine.NewContext();
        var user = Assert.Single(check.Users);
        Assert.Equal(user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(await engine.EventsAsync()).SubjectKey);
    }
}
