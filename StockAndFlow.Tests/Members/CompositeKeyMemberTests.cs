using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StockAndFlow.Admin.Reading;
using StockAndFlow.Reading;
using StockAndFlow.Tests.Support;

namespace StockAndFlow.Tests.Members;

/// <summary>Members and movers of an entity keyed by two columns: each row under its whole key.</summary>
public sealed class CompositeKeyMemberTests
{
    private static async Task<Engine> StartAsync(string provider)
    {
        var engine = await Engine.StartAsync(
            provider,
            sf =>
            {
                var open = sf.Stock<LineItem>("open-lines", i => i.Open).Facet("sku", i => i.Sku);
                var closed = sf.Stock<LineItem>("closed-lines", i => !i.Open);
                sf.Flow<LineItem>("closing").From(open).To(closed);
            },
            services => services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build()).AddStockAndFlowAdmin());
        await using (var db = engine.NewContext())
        {
            // Orders 1–5 with lines 1–3; SKU "a" on two lines of each order, so sorting by it ties.
            db.LineItems.AddRange(Enumerable.Range(1, 5).SelectMany(o => Enumerable.Range(1, 3).Select(l => new LineItem { OrderNo = o, LineNo = l, Sku = l == 2 ? "b" : "a", Open = true })));
            await db.SaveChangesAsync();
        }

        engine.Time.Advance(TimeSpan.FromHours(1));
        await using (var db = engine.NewContext())
        {
            foreach (var line in await db.LineItems.Where(i => (i.OrderNo == 2 && i.LineNo == 3) || (i.OrderNo == 4 && i.LineNo == 1)).ToListAsync())
            {
                line.Open = false;
            }

            await db.SaveChangesAsync();
        }

        engine.Time.Advance(TimeSpan.FromHours(1));
        return engine;
    }

    [Theory]
    [AllProviders]
    public async Task EachMemberIsListedUnderItsWholeKey_AndPagesBreakTiesOnEveryKeyColumn(string provider)
    {
        await using var engine = await StartAsync(provider);
        await using var db = engine.NewContext();
        var stock = engine.Model.FindStock("open-lines")!;

        var all = await MemberQuery.PageAsync(db, stock, MemberSelection.None, null, false, 1, 50);
        var bySku = new List<string>();
        for (var page = 1; page <= 3; page++)
        {
            bySku.AddRange((await MemberQuery.PageAsync(db, stock, MemberSelection.None, "Sku", false, page, 5)).Rows.Select(r => r.Key));
        }

        var open = await db.LineItems.AsNoTracking().Where(i => i.Open).ToListAsync();
        Assert.Equal(13, all.Total);
        Assert.Equal(["OrderNo", "LineNo"], all.Columns.Take(2).Select(c => c.Name));
        Assert.Equal(open.OrderBy(i => i.OrderNo).ThenBy(i => i.LineNo).Select(i => $"{i.OrderNo},{i.LineNo}"), all.Rows.Select(r => r.Key));
        Assert.Equal(open.OrderBy(i => i.Sku, StringComparer.Ordinal).ThenBy(i => i.OrderNo).ThenBy(i => i.LineNo).Select(i => $"{i.OrderNo},{i.LineNo}"), bySku);
    }

    [Theory]
    [AllProviders]
    public async Task TickedKeysSelectExactlyThoseRows_AndAKeyOfTheWrongShapeIsRefused(string provider)
    {
        await using var engine = await StartAsync(provider);
        await using var db = engine.NewContext();
        var stock = engine.Model.FindStock("open-lines")!;

        var ticked = await MemberQuery.PageAsync(db, stock, new MemberSelection(Keys: ["1,2", "3,1", "2,3"]), null, false, 1, 50);

        // "2,3" closed, so it is no member any more.
        Assert.Equal(["1,2", "3,1"], ticked.Rows.Select(r => r.Key));
        var wrong = await Assert.ThrowsAsync<MemberQueryException>(() => MemberQuery.PageAsync(db, stock, new MemberSelection(Keys: ["3"]), null, false, 1, 50));
        Assert.Equal("'3' is not a valid key of LineItem.", wrong.Message);
    }

    [Theory]
    [AllProviders]
    public async Task MoversAreTheRowsOfTheFlowsEvents_ByTheirWholeKey(string provider)
    {
        await using var engine = await StartAsync(provider);
        await using var db = engine.NewContext();
        var now = engine.Time.GetUtcNow().UtcDateTime;

        var movers = await MemberQuery.PageAsync(db, MemberSource.MoversOf(engine.Model.FindFlow("closing")!, now.AddDays(-1), now), MemberSelection.None, null, false, 1, 50);

        Assert.Equal(["2,3", "4,1"], (await engine.EventsAsync()).Where(e => e.Flow == "closing").Select(e => e.SubjectKey).Order(StringComparer.Ordinal));
        Assert.Equal(["2,3", "4,1"], movers.Rows.Select(r => r.Key));
        Assert.All(movers.Rows, r => Assert.Equal(now.AddHours(-1), r.MovedAt));
    }

    [Theory]
    [AllProviders]
    public async Task TheAdminReadsEachRowsCellsByItsWholeKey(string provider)
    {
        await using var engine = await StartAsync(provider);
        using var scope = engine.Services.CreateScope();
        var rows = scope.ServiceProvider.GetRequiredService<EntityRows>();
        var columns = rows.ColumnsOf(engine.Model.FindStock("open-lines")!);

        var cells = await rows.CellsAsync(typeof(LineItem), columns, ["1,2", "3,1", "9,9"], CancellationToken.None);

        // The default columns leave out the key columns; a key with no row has no cells.
        var sku = columns.ToList().FindIndex(c => c.Label == "Sku");
        Assert.DoesNotContain(columns, c => c.Label is "Order no" or "Line no");
        Assert.Equal(["1,2", "3,1"], cells.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("b", "a"), (cells["1,2"][sku], cells["3,1"][sku]));
    }

    [Theory]
    [AllProviders]
    public async Task MoreMoversThanOneOrOfKeysTakes_AreListedByTheirKeyAsText(string provider)
    {
        // 400 movers of a two-column key: more than RowKeys.MaxCompositeKeys, so the key is compared as text.
        await using var engine = await Engine.StartAsync(provider, sf =>
            sf.Flow<LineItem>("closing").From(sf.Stock<LineItem>("open-lines", i => i.Open).Facet("sku", i => i.Sku)).To(sf.Stock<LineItem>("closed-lines", i => !i.Open)));
        var keys = Enumerable.Range(1, 200).SelectMany(o => new[] { (Order: o, Line: 1), (Order: o, Line: 2) }).ToList();
        await using (var db = engine.NewContext())
        {
            db.LineItems.AddRange(keys.Select(k => new LineItem { OrderNo = k.Order, LineNo = k.Line, Sku = k.Line == 1 ? "a" : "b", Open = true }));
            await db.SaveChangesAsync();
        }

        engine.Time.Advance(TimeSpan.FromHours(1));
        await using (var db = engine.NewContext())
        {
            await foreach (var line in db.LineItems.AsAsyncEnumerable())
            {
                line.Open = false;
            }

            await db.SaveChangesAsync();
        }

        engine.Time.Advance(TimeSpan.FromHours(1));
        var now = engine.Time.GetUtcNow().UtcDateTime;
        await using var read = engine.NewContext();
        var source = MemberSource.MoversOf(engine.Model.FindFlow("closing")!, now.AddDays(-1), now);

        var first = await MemberQuery.PageAsync(read, source, MemberSelection.None, null, false, 1, 25);
        var lastOfB = await MemberQuery.PageAsync(read, source, new MemberSelection("sku", "b"), "OrderNo", true, 8, 25);

        Assert.Equal(400, first.Total);
        Assert.Equal(keys.Take(25).Select(k => $"{k.Order},{k.Line}"), first.Rows.Select(r => r.Key));
        Assert.Equal(200, lastOfB.Total);
        Assert.Equal(keys.Where(k => k.Line == 2).OrderByDescending(k => k.Order).Skip(175).Select(k => $"{k.Order},{k.Line}"), lastOfB.Rows.Select(r => r.Key));
    }
}
