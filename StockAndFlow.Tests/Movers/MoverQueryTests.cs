using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StockAndFlow.Actions;
using StockAndFlow.Reading;
using StockAndFlow.Tests.Support;

namespace StockAndFlow.Tests.Movers;

public sealed class MoverQueryTests
{
    [Theory]
    [AllProviders]
    public async Task Movers_AreTheDistinctExistingSubjectsOfTheFlowsEventsInTheRange_WithTheirLatestMove(string provider)
    {
        await using var engine = await MoversScenario.StartAsync(provider);
        var now = MoversScenario.Now(engine);
        var (from, to) = (now.AddDays(-7), now);
        await using var db = engine.NewContext();
        var source = MemberSource.MoversOf(engine.Model.FindFlow(MoversScenario.Deactivating)!, from, to);

        var listed = await AllAsync(db, source, MemberSelection.None, sort: null, descending: false);

        var expected = await MoversScenario.ExpectedAsync(engine, MoversScenario.Deactivating, from, to, _ => true);
        Assert.True(expected.Count > 10, $"the scenario should have movers, it has {expected.Count}");
        Assert.Equal(expected.OrderByDescending(e => e.Value).ThenBy(e => e.Key).Select(e => e.Key.ToString(System.Globalization.CultureInfo.InvariantCulture)), listed.Select(r => r.Key));
        Assert.All(listed, r => Assert.Equal(expected[int.Parse(r.Key, System.Globalization.CultureInfo.InvariantCulture)], r.MovedAt));
        // Some moved and were deleted since: the range has more subjects than movers.
        var subjects = (await engine.EventsAsync()).Where(e => e.Flow == MoversScenario.Deactivating && e.OccurredAt >= from && e.OccurredAt < to).Select(e => e.SubjectKey).Distinct().Count();
        Assert.True(subjects > expected.Count, $"{subjects} subjects, {expected.Count} still exist");
    }

    [Theory]
    [AllProviders]
    public async Task Movers_FilterByFacet_TheNullBucket_AndSearch_SortByAColumn_AndCountFacetValues(string provider)
    {
        await using var engine = await MoversScenario.StartAsync(provider);
        var now = MoversScenario.Now(engine);
        var (from, to) = (now.AddDays(-14), now.AddDays(-3));
        await using var db = engine.NewContext();
        var source = MemberSource.MoversOf(engine.Model.FindFlow(MoversScenario.Deactivating)!, from, to);

        var eu = await AllAsync(db, source, new MemberSelection("region", "eu"), sort: "Name", descending: true);
        var none = await AllAsync(db, source, new MemberSelection("region", ValueIsNull: true), sort: null, descending: false);
        var search = await AllAsync(db, source, new MemberSelection(Search: "user 1"), sort: null, descending: false);
        var facets = await MemberQuery.FacetCountsAsync(db, source);

        var all = await MoversScenario.ExpectedAsync(engine, MoversScenario.Deactivating, from, to, _ => true);
        var expectedEu = await MoversScenario.ExpectedAsync(engine, MoversScenario.Deactivating, from, to, u => u.Region == "eu");
        Assert.NotEmpty(expectedEu);
        var names = (await db.Users.AsNoTracking().ToListAsync()).ToDictionary(u => u.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), u => u.Name);
        Assert.Equal(expectedEu.Keys.Select(k => names[k.ToString(System.Globalization.CultureInfo.InvariantCulture)]).OrderDescending(StringComparer.Ordinal), eu.Select(r => names[r.Key]));
        Assert.Equal((await MoversScenario.ExpectedAsync(engine, MoversScenario.Deactivating, from, to, u => u.Region is null)).Keys.Order(), none.Select(r => int.Parse(r.Key, System.Globalization.CultureInfo.InvariantCulture)).Order());
        Assert.Equal((await MoversScenario.ExpectedAsync(engine, MoversScenario.Deactivating, from, to, u => u.Name.StartsWith("User 1", StringComparison.Ordinal))).Keys.Order(), search.Select(r => int.Parse(r.Key, System.Globalization.CultureInfo.InvariantCulture)).Order());
        var regions = Assert.Single(facets);
        var users = (await db.Users.AsNoTracking().ToListAsync()).ToDictionary(u => u.Id);
        var expectedCounts = all.Keys.GroupBy(k => users[k].Region).ToDictionary(g => g.Key ?? "(none)", g => (long)g.Count());
        Assert.Equal(expectedCounts.OrderBy(p => p.Key, StringComparer.Ordinal), regions.Values.ToDictionary(v => v.Value ?? "(none)", v => v.Count).OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Theory]
    [AllProviders]
    public async Task MoreMoversThanSQLiteTakesParameters_AreCountedPagedAndFiltered(string provider)
    {
        // 33 000 movers: one more key each than a statement on SQLite may carry as parameters (32 766).
        const int Early = 20_000, Late = 13_000;
        await using var engine = await Engine.StartAsync(provider, MoversScenario.Define);
        await using (var db = engine.NewContext())
        {
            db.Users.AddRange(Enumerable.Range(1, Early + Late).Select(i => new User { Name = $"User {i:00000}", Region = i % 3 == 0 ? "us" : "eu", IsActive = true }));
            await db.SaveChangesAsync();
        }

        foreach (var (skip, take) in new[] { (0, Early), (Early, Late) })
        {
            engine.Time.Advance(TimeSpan.FromHours(1));
            await using var db = engine.NewContext();
            foreach (var user in await db.Users.OrderBy(u => u.Id).Skip(skip).Take(take).ToListAsync())
            {
                user.IsActive = false;
            }

            await db.SaveChangesAsync();
        }

        engine.Time.Advance(TimeSpan.FromHours(1));
        var now = MoversScenario.Now(engine);
        var source = MemberSource.MoversOf(engine.Model.FindFlow(MoversScenario.Deactivating)!, now.AddDays(-1), now);
        await using var read = engine.NewContext();
        var ids = await read.Users.AsNoTracking().OrderBy(u => u.Id).Select(u => u.Id).ToListAsync();
        var late = ids.Skip(Early).ToList();

        // Newest move first: the first page is the late batch, lowest keys first.
        var newest = await MemberQuery.PageAsync(read, source, MemberSelection.None, null, false, 1, 25);
        Assert.Equal(Early + Late, newest.Total);
        Assert.Equal(late.Take(25).Select(Key), newest.Rows.Select(r => r.Key));
        Assert.All(newest.Rows, r => Assert.Equal(now.AddHours(-1), r.MovedAt));

        var byName = await MemberQuery.PageAsync(read, source, new MemberSelection("region", "us"), "Name", true, 2, 25);
        var us = ids.Where(id => id % 3 == 0).ToList();
        Assert.Equal(us.Count, byName.Total);
        Assert.Equal(us.OrderDescending().Skip(25).Take(25).Select(Key), byName.Rows.Select(r => r.Key));

        var runner = engine.Services.GetRequiredService<ActionRunner>();
        Assert.Equal(Early + Late, await runner.CountAsync(read, engine.Model.FindAction("reactivate")!, source, MemberSelection.None));

        // And the action on all of them selects and moves every one, with an event each.
        var lastEvent = (await engine.EventsAsync()).Max(e => e.Id);
        await using (var db = engine.NewContext())
        {
            Assert.Equal(new StockAndFlow.Moves.TransitionResult(Early + Late, Early + Late), await runner.ExecuteAsync(db, engine.Model.FindAction("reactivate")!, source, MemberSelection.None));
        }

        Assert.Equal(Early + Late, await read.Users.CountAsync(u => u.IsActive));
        var events = await MoversScenario.EventsSinceAsync(engine, lastEvent);
        Assert.Equal(ids.Select(Key).Order(StringComparer.Ordinal), events.Where(e => e.Flow == "reactivating").Select(e => e.SubjectKey).Order(StringComparer.Ordinal));
    }

    private static string Key(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Movers_RejectAFacetTheFlowsStocksDoNotHave_AndAnInvertedRange()
    {
        await using var engine = await Engine.StartAsync(MoversScenario.Define);
        await using var db = engine.NewContext();
        var flow = engine.Model.FindFlow(MoversScenario.Deactivating)!;
        var now = MoversScenario.Now(engine);

        var facet = await Assert.ThrowsAsync<MemberQueryException>(() => MemberQuery.PageAsync(db, MemberSource.MoversOf(flow, now.AddDays(-7), now), new MemberSelection("team", "x"), null, false, 1, 10));
        var range = Assert.Throws<MemberQueryException>(() => MemberSource.MoversOf(flow, now, now.AddDays(-7)));

        Assert.Contains("Flow 'deactivating' has no facet 'team'. Known: region", facet.Message);
        Assert.Contains("ends before it starts", range.Message);
    }

    [Fact]
    public void Scope_DescribesTheFlowsEndsAndTheDaysOfTheRange()
    {
        var scope = new MoverScope("cooling", new DateTime(2026, 11, 21, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 29, 0, 0, 0, DateTimeKind.Utc), "Hot leads → Cold leads");

        Assert.Equal("movers of Hot leads → Cold leads, 2026-11-21..28, owner=Ann", new MemberSelection("owner", "Ann", Movers: scope).Describe());
        Assert.Equal("movers of cooling, 2026-10-30..11-02", (scope with { Label = null, From = new DateTime(2026, 10, 30, 0, 0, 0, DateTimeKind.Utc), To = new DateTime(2026, 11, 2, 9, 30, 0, DateTimeKind.Utc) }).Describe());
    }

    // Every page, in order: the list as an operator pages through it.
    private static async Task<List<MemberRow>> AllAsync(StockAndFlow.Tests.Support.TestDbContext db, MemberSource source, MemberSelection selection, string? sort, bool descending)
    {
        var rows = new List<MemberRow>();
        for (var page = 1; ; page++)
        {
            var result = await MemberQuery.PageAsync(db, source, selection, sort, descending, page, 7);
            rows.AddRange(result.Rows);
            if (page >= result.PageCount)
            {
                Assert.Equal(result.Total, rows.Count);
                return rows;
            }
        }
    }
}
