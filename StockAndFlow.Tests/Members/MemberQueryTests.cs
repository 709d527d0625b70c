using StockAndFlow.Reading;
using StockAndFlow.Tests.Support;

namespace StockAndFlow.Tests.Members;

public sealed class MemberQueryTests
{
    private static async Task<Engine> StartAsync(string provider)
    {
        var engine = await Engine.StartAsync(provider, sf => sf.Stock<User>("active", u => u.IsActive).Facet("region", u => u.Region).Facet("staff", u => u.IsStaff));
        await using var db = engine.NewContext();
        db.Users.AddRange(
            new User { Name = "Ada Lovelace", IsActive = true, Region = "eu" },
            new User { Name = "Grace Hopper", IsActive = true, Region = "us", IsStaff = true },
            new User { Name = "Alan Turing", IsActive = true, Region = "eu" },
            new User { Name = "Barbara Liskov", IsActive = true },
            new User { Name = "Inactive Ida", IsActive = false, Region = "eu" });
        await db.SaveChangesAsync();
        return engine;
    }

    [Theory]
    [AllProviders]
    public async Task Page_ListsOnlyMembers_WithKeyFirstAndScalarColumns(string provider)
    {
        await using var engine = await StartAsync(provider);
        await using var db = engine.NewContext();

        var page = await MemberQuery.PageAsync(db, engine.Model.FindStock("active")!, MemberSelection.None, null, false, 1, 10);

        Assert.Equal(4, page.Total);
        Assert.Equal("Id", page.Columns[0].Name);
        Assert.Contains(page.Columns, c => c.Name == "Name");
        Assert.DoesNotContain(page.Columns, c => c.Name == "Team");
        Assert.DoesNotContain(page.Rows, r => (string?)r.Values[page.Columns.ToList().FindIndex(c => c.Name == "Name")] == "Inactive Ida");
    }

    [Theory]
    [AllProviders]
    public async Task Page_FiltersByFacetValue_ByTheNullBucket_AndByCaseInsensitiveSearch(string provider)
    {
        await using var engine = await StartAsync(provider);
        await using var db = engine.NewContext();
        var active = engine.Model.FindStock("active")!;

        Assert.Equal(2, (await MemberQuery.PageAsync(db, active, new MemberSelection("region", "eu"), null, false, 1, 10)).Total);
        Assert.Equal(1, (await MemberQuery.PageAsync(db, active, new MemberSelection("region", ValueIsNull: true), null, false, 1, 10)).Total);
        Assert.Equal(1, (await MemberQuery.PageAsync(db, active, new MemberSelection("staff", "true"), null, false, 1, 10)).Total);
        var search = await MemberQuery.PageAsync(db, active, new MemberSelection(Search: "TURING"), null, false, 1, 10);
        Assert.Equal(1, search.Total);
    }

    [Theory]
    [AllProviders]
    public async Task Page_SortsByAnyColumn_AndPaginates(string provider)
    {
        await using var engine = await StartAsync(provider);
        await using var db = engine.NewContext();
        var active = engine.Model.FindStock("active")!;

        var first = await MemberQuery.PageAsync(db, active, MemberSelection.None, "name", true, 1, 3);
        var second = await MemberQuery.PageAsync(db, active, MemberSelection.None, "name", true, 2, 3);

        var name = first.Columns.ToList().FindIndex(c => c.Name == "Name");
        Assert.Equal(["Grace Hopper", "Barbara Liskov", "Alan Turing"], first.Rows.Select(r => (string?)r.Values[name]));
        Assert.Equal(["Ada Lovelace"], second.Rows.Select(r => (string?)r.Values[name]));
        Assert.Equal(2, first.PageCount);
    }

    [Theory]
    [InlineData("nope", null, null, 1, 10, "has no facet 'nope'")]
    [InlineData("staff", "maybe", null, 1, 10, "not a valid value of facet 'staff'")]
    [InlineData(null, null, "shoe-size", 1, 10, "Cannot sort by 'shoe-size'")]
    [InlineData(null, null, null, 0, 10, "page must be 1 or more")]
    [InlineData(null, null, null, 1, 201, "pageSize must be between 1 and 200")]
    public async Task Page_Throws_ForBadInput(string? facet, string? value, string? sort, int page, int pageSize, string message)
    {
        await using var engine = await StartAsync(TestDatabase.Sqlite);
        await using var db = engine.NewContext();

        var ex = await Assert.ThrowsAsync<MemberQueryException>(() => MemberQuery.PageAsync(db, engine.Model.FindStock("active")!, new MemberSelection(facet, value), sort, false, page, pageSize));

        Assert.Contains(message, ex.Message);
    }
}
