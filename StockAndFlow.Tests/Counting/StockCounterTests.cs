using Microsoft.EntityFrameworkCore;
using StockAndFlow.Counting;
using StockAndFlow.Tests.Support;

namespace StockAndFlow.Tests.Counting;

public sealed class StockCounterTests
{
    private static async Task<Engine> StartWithUsersAsync(string provider)
    {
        var engine = await Engine.StartAsync(provider, sf =>
        {
            sf.Stock<User>("active", u => u.IsActive).Facet("region", u => u.Region, ["eu", "us", "apac"]).Facet("team", u => u.Team!.Name);
            sf.Stock<User>("staff", u => u.IsStaff).Facet("region", u => u.Region);
            sf.Stock<User>("inactive", u => !u.IsActive);
        });
        await using var db = engine.NewContext();
        var red = new Team { Name = "red" };
        var blue = new Team { Name = "blue" };
        db.Users.AddRange(
            new User { IsActive = true, Region = "eu", Team = red },
            new User { IsActive = true, Region = "eu", Team = blue, IsStaff = true },
            new User { IsActive = true, Region = "us", Team = red },
            new User { IsActive = true, Region = null },
            new User { IsActive = false, Region = "eu", IsStaff = true });
        await db.SaveChangesAsync();
        return engine;
    }

    [Theory, AllProviders]
    public async Task CountAll_CountsEveryStock_InOneScanPerEntityType(string provider)
    {
        await using var engine = await StartWithUsersAsync(provider);
        await using var db = engine.NewContext();

        var counts = await engine.Counter.CountAllAsync(db);

        Assert.Equal([("active", 4L), ("staff", 2L), ("inactive", 1L)], counts.Select(c => (c.Stock.Slug, c.Total)));
        var sql = StockCounter.TotalsQuery<User>(db, engine.Model.Stocks).ToQueryString();
        // One conditional aggregate per stock in one statement: SQLite (and SQL Server) write
        // COUNT(CASE WHEN ...), PostgreSQL's provider writes the standard count(*) FILTER (WHERE ...).
        var aggregate = provider == TestDatabase.PostgreSql ? "FILTER (WHERE" : "COUNT(CASE";
        Assert.Equal(3, CountOccurrences(sql, aggregate));
    }

    [Theory, AllProviders]
    public async Task FacetCounts_SumToTheStockTotal_WithNullAsItsOwnBucket(string provider)
    {
        await using var engine = await StartWithUsersAsync(provider);
        await using var db = engine.NewContext();

        var active = (await engine.Counter.CountAllAsync(db)).Single(c => c.Stock.Slug == "active");

        foreach (var facet in active.Facets)
        {
            Assert.Equal(active.Total, facet.Values.Sum(v => v.Count));
        }

        var region = active.Facets.Single(f => f.Facet.Slug == "region").Values.ToDictionary(v => v.Value ?? "<null>", v => v.Count);
        Assert.Equal(2, region["eu"]);
        Assert.Equal(1, region["us"]);
        Assert.Equal(1, region["<null>"]);
    }

    [Theory, AllProviders]
    public async Task FacetCounts_IncludeZeroRows_ForAbsentFixedValues(string provider)
    {
        await using var engine = await StartWithUsersAsync(provider);
        await using var db = engine.NewContext();

        var active = (await engine.Counter.CountAllAsync(db)).Single(c => c.Stock.Slug == "active");

        var region = active.Facets.Single(f => f.Facet.Slug == "region");
        Assert.Equal(0, Assert.Single(region.Values, v => v.Value == "apac").Count);
    }

    [Theory, AllProviders]
    public async Task FacetCounts_ListValuesReadFromTheDatabase_AtCountTime(string provider)
    {
        await using var engine = await Engine.StartAsync(provider, sf => sf.Stock<User>("users", u => u.Id > 0)
            .Facet("team", u => u.Team!.Name, db => db.Set<Team>().Select(t => t.Name)));
        await using var db = engine.NewContext();
        db.Users.Add(new User { Team = new Team { Name = "starter" } });
        await db.SaveChangesAsync();
        var before = Assert.Single(Assert.Single(await engine.Counter.CountAllAsync(db)).Facets);

        // A plan added after start-up is listed from the next count on, with no row yet.
        db.Teams.Add(new Team { Name = "enterprise" });
        await db.SaveChangesAsync();
        var after = Assert.Single(Assert.Single(await engine.Counter.CountAllAsync(db)).Facets);

        Assert.True(after.Facet.ValuesFromDatabase);
        Assert.Equal([("starter", 1L)], before.Values.Select(v => (v.Value, v.Count)));
        Assert.Equal([("starter", 1L), ("enterprise", 0L)], after.Values.Select(v => (v.Value, v.Count)));
    }

    [Theory, AllProviders]
    public async Task FacetCounts_FollowARelatedEntity(string provider)
    {
        await using var engine = await StartWithUsersAsync(provider);
        await using var db = engine.NewContext();

        var active = (await engine.Counter.CountAllAsync(db)).Single(c => c.Stock.Slug == "active");

        var team = active.Facets.Single(f => f.Facet.Slug == "team").Values.ToDictionary(v => v.Value ?? "<null>", v => v.Count);
        Assert.Equal(new Dictionary<string, long> { ["red"] = 2, ["blue"] = 1, ["<null>"] = 1 }, team);
    }

    [Theory, AllProviders]
    public async Task CountAll_ReturnsZeros_ForAnEmptyTable(string provider)
    {
        await using var engine = await Engine.StartAsync(provider, sf => sf.Stock<LongItem>("open", i => i.Open).Facet("open-flag", i => i.Open));
        await using var db = engine.NewContext();

        var count = Assert.Single(await engine.Counter.CountAllAsync(db));

        Assert.Equal(0, count.Total);
        Assert.Empty(Assert.Single(count.Facets).Values);
    }

    private static int CountOccurrences(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
