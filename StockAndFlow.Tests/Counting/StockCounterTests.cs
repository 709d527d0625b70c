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

    [Theory, AllProviders]
    public async Task CountAll_SendsOneQueryPerEntityType_WhenItsFacetsHaveFewGroups(string provider)
    {
        await using var engine = await StartWithUsersAsync(provider);
        var commands = new CommandCounter();
        await using var db = engine.NewContextWith(commands);

        var counts = await engine.Counter.CountAllAsync(db);

        // Three stocks, two facets (one through a navigation) and a fixed value list: one GROUP BY.
        Assert.Equal(1, commands.Selects);
        await AssertEqualToBruteForceAsync(engine, counts);
    }

    [Theory, AllProviders]
    public async Task CountAll_CountsPerFacet_WhenTheFacetsHaveMoreGroupsThanTheLimit(string provider)
    {
        await using var engine = await Engine.StartAsync(provider, sf =>
        {
            sf.Stock<User>("active", u => u.IsActive).Facet("name", u => u.Name).Facet("region", u => u.Region);
            sf.Stock<User>("staff", u => u.IsStaff).Facet("name", u => u.Name);
        });
        await using (var seed = engine.NewContext())
        {
            // Every user its own name: more (name, region) groups than the one GROUP BY may return.
            seed.Users.AddRange(Enumerable.Range(0, StockCounter.MaxCombinedGroups + 1).Select(i => new User
            {
                Name = $"user-{i:D5}", IsActive = i % 3 != 0, IsStaff = i % 7 == 0, Region = i % 5 == 0 ? null : $"r{i % 4}",
            }));
            await seed.SaveChangesAsync();
        }

        var commands = new CommandCounter();
        await using var db = engine.NewContextWith(commands);
        var first = await engine.Counter.CountAllAsync(db);
        var firstSelects = commands.Selects;
        commands.Reset();
        var second = await engine.Counter.CountAllAsync(db);

        // First: the combined GROUP BY, given up past the limit, then the totals and two facets; from
        // then on the type is counted per facet straight away.
        Assert.Equal(4, firstSelects);
        Assert.Equal(3, commands.Selects);
        await AssertEqualToBruteForceAsync(engine, first);
        await AssertEqualToBruteForceAsync(engine, second);
    }

    // Every stock's total and facet counts against the rows loaded and counted in memory.
    private static async Task AssertEqualToBruteForceAsync(Engine engine, IReadOnlyList<StockCount> counts)
    {
        await using var db = engine.NewContext();
        var users = await db.Users.AsNoTracking().Include(u => u.Team).ToListAsync();
        foreach (var count in counts)
        {
            var predicate = ((System.Linq.Expressions.Expression<Func<User, bool>>)count.Stock.Predicate).Compile();
            var members = users.Where(predicate).ToList();
            Assert.Equal(members.Count, count.Total);
            foreach (var facet in count.Facets)
            {
                var selector = ((System.Linq.Expressions.Expression<Func<User, string?>>)facet.Facet.Selector).Compile();
                var expected = members.GroupBy(u => ValueOrNull(selector, u) ?? "<null>").ToDictionary(g => g.Key, g => (long)g.Count());
                var actual = facet.Values.Where(v => v.Count > 0).ToDictionary(v => v.Value ?? "<null>", v => v.Count);
                Assert.Equal(expected, actual);
            }
        }
    }

    // SQL reads a value through a missing navigation (u.Team.Name without a team) as NULL.
    private static string? ValueOrNull(Func<User, string?> selector, User user)
    {
        try
        {
            return selector(user);
        }
        catch (NullReferenceException)
        {
            return null;
        }
    }

    private static int CountOccurrences(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
