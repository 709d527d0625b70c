using StockAndFlow.Moves;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StockAndFlow.Decay;
using StockAndFlow.Definitions;
using StockAndFlow.Tests.Support;

namespace StockAndFlow.Tests.Decay;

/// <summary>Set-based moves select keys and send them back as one collection parameter; every key type must round-trip.</summary>
public sealed class TransitionKeyTypeTests
{
    [Theory, AllProviders]
    public Task Move_WithLongKeys_MovesTheSelectedRowsWithOneEventEach(string provider) =>
        MoveAsync(provider, i => new LongItem { Open = true }, i => i.Id, (db, items) => db.LongItems.AddRange(items), db => db.LongItems);

    [Theory, AllProviders]
    public Task Move_WithGuidKeys_MovesTheSelectedRowsWithOneEventEach(string provider) =>
        MoveAsync(provider, i => new GuidItem { Id = Guid.NewGuid(), Open = true }, i => i.Id, (db, items) => db.GuidItems.AddRange(items), db => db.GuidItems);

    [Theory, AllProviders]
    public Task Move_WithStringKeys_MovesTheSelectedRowsWithOneEventEach(string provider) =>
        MoveAsync(provider, i => new StringItem { Id = $"SKU-{i:000}/x", Open = true }, i => i.Id, (db, items) => db.StringItems.AddRange(items), db => db.StringItems);

    private static async Task MoveAsync<T, TKey>(string provider, Func<int, T> create, Func<T, TKey> keyOf, Action<TestDbContext, List<T>> add, Func<TestDbContext, DbSet<T>> set)
        where T : class
    {
        var open = ExpressionOf<T>("Open", true);
        await using var engine = await Engine.StartAsync(provider, sf =>
        {
            var o = sf.Stock("open", open);
            var c = sf.Stock("closed", ExpressionOf<T>("Open", false));
            sf.Flow<T>("closing").From(o).To(c);
        });
        await using var db = engine.NewContext();
        var items = Enumerable.Range(0, 30).Select(create).ToList();
        add(db, items);
        await db.SaveChangesAsync();
        var chosen = items.Select(keyOf).Where((_, i) => i % 3 == 0).ToList();

        var from = (Stock<T>)engine.Model.FindStock("open")!;
        var to = (Stock<T>)engine.Model.FindStock("closed")!;
        var result = await engine.Services.GetRequiredService<Transitions>().MoveAsync(
            db, from, to, e => chosen.Contains(EF.Property<TKey>(e, "Id")), s => s.SetProperty(e => EF.Property<bool>(e, "Open"), false));

        Assert.Equal(chosen.Count, result.Moved);
        await using var check = engine.NewContext();
        var closed = await set(check).Where(ExpressionOf<T>("Open", false)).Select(e => EF.Property<TKey>(e, "Id")).ToListAsync();
        Assert.Equal(chosen.Select(k => StockAndFlow.Storage.SubjectKey.Format(k)).Order(), closed.Select(k => StockAndFlow.Storage.SubjectKey.Format(k)).Order());
        var events = await engine.EventsAsync();
        Assert.Equal(chosen.Select(k => StockAndFlow.Storage.SubjectKey.Format(k)).Order(), events.Where(e => e.Flow == "closing").Select(e => e.SubjectKey).Order());
    }

    private static System.Linq.Expressions.Expression<Func<T, bool>> ExpressionOf<T>(string property, bool value)
    {
        var row = System.Linq.Expressions.Expression.Parameter(typeof(T), "e");
        return System.Linq.Expressions.Expression.Lambda<Func<T, bool>>(
            System.Linq.Expressions.Expression.Equal(System.Linq.Expressions.Expression.Property(row, property), System.Linq.Expressions.Expression.Constant(value)), row);
    }
}
