using StockAndFlow.Storage;
using Microsoft.EntityFrameworkCore;
using StockAndFlow.Tests.Support;

namespace StockAndFlow.Tests.Counting;

public sealed class StockSnapshotterTests
{
    [Theory, AllProviders]
    public async Task Snapshot_WritesARecordPerStockPeriodAndFacetValue(string provider)
    {
        await using var engine = await StartAsync(provider);
        await using var db = engine.NewContext();
        var at = engine.Time.GetUtcNow().UtcDateTime;

        await engine.Snapshotter.SnapshotAsync(db, engine.Model.Stocks, at);

        var records = await db.Set<StockRecord>().AsNoTracking().ToListAsync();
        Assert.Equal(Enum.GetValues<Period>().Length, records.Count);
        Assert.All(records, r => Assert.Equal(2, r.Count));
        Assert.Contains(records, r => r.Period == Period.Day && r.BucketStart == at.Date);
        var facets = await db.Set<StockFacetRecord>().AsNoTracking().Where(r => r.Period == Period.Day).ToListAsync();
        Assert.Equal([(false, "eu", 1L), (true, "", 1L)], facets.OrderBy(f => f.IsNull).Select(f => (f.IsNull, f.Value, f.Count)));
    }

    [Theory, AllProviders]
    public async Task Snapshot_TakenTwice_UpdatesInsteadOfDuplicating(string provider)
    {
        await using var engine = await StartAsync(provider);
        await using var db = engine.NewContext();
        var at = engine.Time.GetUtcNow().UtcDateTime;
        await engine.Snapshotter.SnapshotAsync(db, engine.Model.Stocks, at);

        db.Users.Add(new User { IsActive = true, Region = "eu" });
        await db.SaveChangesAsync();
        await engine.Snapshotter.SnapshotAsync(db, engine.Model.Stocks, at.AddMinutes(5));

        var day = await db.Set<StockRecord>().AsNoTracking().Where(r => r.Period == Period.Day).ToListAsync();
        Assert.Equal(3, Assert.Single(day).Count);
        Assert.Equal(at.AddMinutes(5), day[0].CountedAt);
        var eu = await db.Set<StockFacetRecord>().AsNoTracking().Where(r => r.Period == Period.Day && r.Value == "eu").ToListAsync();
        Assert.Equal(2, Assert.Single(eu).Count);
        Assert.Equal(Enum.GetValues<Period>().Length, await db.Set<StockRecord>().CountAsync());
    }

    [Theory, AllProviders]
    public async Task Snapshot_ZeroesFacetValuesThatDisappeared_SoFacetsSumToTheTotal(string provider)
    {
        await using var engine = await Engine.StartAsync(provider, sf => sf.Stock<User>("users", u => u.Id > 0)
            .Facet("plan", u => u.Name)
            .Facet("region", u => u.Region));
        await using var db = engine.NewContext();
        var legacy = new User { Name = "legacy", Region = "NL" };
        var belgian = new User { Name = "team", Region = "BE" };
        db.Users.AddRange(legacy, belgian, new User { Name = "team", Region = "NL" });
        await db.SaveChangesAsync();
        var at = engine.Time.GetUtcNow().UtcDateTime;
        await engine.Snapshotter.SnapshotAsync(db, engine.Model.Stocks, at);

        db.Users.Remove(legacy);
        belgian.Region = "NL";
        await db.SaveChangesAsync();
        await engine.Snapshotter.SnapshotAsync(db, engine.Model.Stocks, at.AddMinutes(5));

        foreach (var period in Enum.GetValues<Period>())
        {
            var total = (await db.Set<StockRecord>().AsNoTracking().SingleAsync(r => r.Period == period)).Count;
            var facets = await db.Set<StockFacetRecord>().AsNoTracking().Where(r => r.Period == period).ToListAsync();
            Assert.Equal(2, total);
            Assert.Equal(total, facets.Where(f => f.Facet == "plan").Sum(f => f.Count));
            Assert.Equal(total, facets.Where(f => f.Facet == "region").Sum(f => f.Count));
            Assert.Equal(0, facets.Single(f => f.Value == "legacy").Count);
            Assert.Equal(0, facets.Single(f => f.Value == "BE").Count);
        }
    }

    private static async Task<Engine> StartAsync(string provider)
    {
        var engine = await Engine.StartAsync(provider, sf => sf.Stock<User>("active", u => u.IsActive).Facet("region", u => u.Region));
        await using var db = engine.NewContext();
        db.Users.AddRange(new User { IsActive = true, Region = "eu" }, new User { IsActive = true }, new User { IsActive = false });
        await db.SaveChangesAsync();
        return engine;
    }
}
