using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StockAndFlow.Counting;
using StockAndFlow.Definitions;
using StockAndFlow.Moves;
using StockAndFlow.Reading;
using StockAndFlow.Storage;
using StockAndFlow.Tests.Support;

namespace StockAndFlow.Tests.Counting;

/// <summary>
/// Simulated days of captured saves (tracked, disconnected and stub; moves along flows, moves no flow
/// declares, members that stay but change facet value): after every save, each stock's live count and
/// each facet value's equal a full count; every few days a recount's bridge balances with nothing unexplained.
/// </summary>
public sealed class LiveCountsTests
{
    private const int Days = 10;
    private const int SavesPerDay = 8;
    private static readonly string[] Plans = RandomSaves.Plans;

    [Theory, AllProviders]
    public async Task LiveCountsEqualAFullCount_AcrossDaysOfCapturedChanges(string provider)
    {
        await using var engine = await Engine.StartAsync(provider, Define);
        await engine.ValidateAsync();
        var saves = new RandomSaves(new Random(20261129), teams: 2);
        var live = new List<int>();
        await AddTeamsAsync(engine);

        for (var i = 0; i < 20; i++)
        {
            live.Add(await saves.AddAsync(engine));
        }

        await RecountAsync(engine, expectBalanced: false);
        for (var day = 0; day < Days; day++)
        {
            engine.Time.Advance(TimeSpan.FromDays(1));
            for (var save = 0; save < SavesPerDay; save++)
            {
                await saves.SaveSomethingAsync(engine, live);
                await AssertLiveEqualsFullAsync(engine, $"day {day}, save {save}");
            }

            if (day % 3 == 2)
            {
                await RecountAsync(engine, expectBalanced: true);
                await AssertLiveEqualsFullAsync(engine, $"day {day}, after the recount");
            }
        }
    }

    [Theory, AllProviders]
    public async Task SetBasedMovesAndReassignments_KeepLiveCountsEqualAFullCount(string provider)
    {
        await using var engine = await Engine.StartAsync(provider, Define);
        await AddTeamsAsync(engine);
        var saves = new RandomSaves(new Random(11), teams: 2);
        for (var i = 0; i < 40; i++)
        {
            await saves.AddAsync(engine);
        }

        await RecountAsync(engine, expectBalanced: false);
        var transitions = engine.Services.GetRequiredService<Transitions>();
        var active = (Stock<User>)engine.Model.FindStock("active")!;
        await using (var db = engine.NewContext())
        {
            // Members in the US lapse (a flow); members in Europe stay but move to APAC (reassigned).
            var lapsed = await transitions.ApplyAsync(db, active, u => u.Region == "us", s => s.SetProperty(u => u.IsActive, false));
            var reassigned = await transitions.ApplyAsync(db, active, u => u.Region == "eu", s => s.SetProperty(u => u.Region, "apac"));
            Assert.True(lapsed.Moved > 0 && reassigned.Selected > 0, "The random history must have active members in the US and in Europe.");
        }

        await AssertLiveEqualsFullAsync(engine, "after the set-based moves");
        engine.Time.Advance(TimeSpan.FromDays(1));
        await RecountAsync(engine, expectBalanced: true);
    }

    [Fact]
    public async Task AStockNotRecountedYet_IsCountedInFull()
    {
        await using var engine = await Engine.StartAsync(Define);
        await AddTeamsAsync(engine);
        await new RandomSaves(new Random(1), teams: 2).AddAsync(engine);
        await AssertLiveEqualsFullAsync(engine, "before any recount");
        await using var db = engine.NewContext();
        Assert.Equal(0, await db.Set<Recount>().CountAsync());
    }

    [Theory, AllProviders]
    public async Task ReadsArrivingWhileANavigationFacetIsCounted_ShareThatCount(string provider)
    {
        await using var engine = await Engine.StartAsync(provider, Define);
        await AddTeamsAsync(engine);
        var saves = new RandomSaves(new Random(7), teams: 2);
        for (var i = 0; i < 12; i++)
        {
            await saves.AddAsync(engine);
        }

        await RecountAsync(engine, expectBalanced: false);
        var live = engine.Services.GetRequiredService<LiveCounts>();
        var active = engine.Model.Stocks.Where(s => s.Slug == "active").ToList();
        var gate = new TeamFacetGate();

        // The first read reaches the "team" facet's GROUP BY and is held there; three more reads arrive.
        var first = CountOnOwnContextAsync(engine, live, active, gate);
        await gate.Reached.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var others = Enumerable.Range(0, 3).Select(_ => CountOnOwnContextAsync(engine, live, active, gate)).ToList();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (live.Joined < 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        gate.Release.SetResult();
        var results = await Task.WhenAll([first, .. others]);

        Assert.Equal(3, live.Joined);
        Assert.Equal(1, gate.Queries);
        await using var db = engine.NewContext();
        var expected = Assert.Single(await engine.Counter.CountAsync(db, active)).Facets.Single(f => f.Facet.Slug == "team").Values;
        Assert.All(results, r => Assert.Equal(expected, r.Single().Facets.Single(f => f.Facet.Slug == "team").Values));
    }

    private static async Task<IReadOnlyList<StockCount>> CountOnOwnContextAsync(Engine engine, LiveCounts live, IReadOnlyList<Stock> stocks, TeamFacetGate gate)
    {
        await Task.Yield();
        await using var db = engine.NewContextWith(gate);
        return await live.CountAsync(db, stocks);
    }

    /// <summary>Counts the "team" facet's GROUP BY (the only query joining teams) and holds the first until released.</summary>
    private sealed class TeamFacetGate : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor
    {
        private int _queries;

        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Queries => Volatile.Read(ref _queries);

        public override async ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader>> ReaderExecutingAsync(
            System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData eventData,
            Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("\"Teams\"", StringComparison.Ordinal) && command.CommandText.Contains("GROUP BY", StringComparison.Ordinal)
                && Interlocked.Increment(ref _queries) == 1)
            {
                Reached.SetResult();
                await Release.Task;
            }

            return result;
        }
    }

    // Activity: External → active and active → inactive are flows; inactive → active is not (an
    // undeclared move). Staff has flows both ways. Facets change while members stay; "team" reads a
    // navigation, so capture cannot keep it and live counts count it.
    internal static void Define(StockAndFlowBuilder sf)
    {
        var active = sf.Stock<User>("active", u => u.IsActive).Facet("region", u => u.Region).Facet("plan", u => u.Name, Plans).Facet("team", u => u.Team!.Name);
        var inactive = sf.Stock<User>("inactive", u => !u.IsActive).Facet("region", u => u.Region);
        var staff = sf.Stock<User>("staff", u => u.IsStaff).Facet("plan", u => u.Name);
        sf.Stock<User>("uncaptured", u => u.Region == "eu");
        sf.Flow<User>("signup").From(Stock.External).To(active);
        sf.Flow<User>("lapse").From(active).To(inactive);
        sf.Flow<User>("leave").From(inactive).To(Stock.External);
        sf.Flow<User>("promote").From(Stock.External).To(staff);
        sf.Flow<User>("demote").From(staff).To(Stock.External);
    }

    internal static async Task AddTeamsAsync(Engine engine)
    {
        await using var db = engine.NewContext();
        db.Teams.AddRange(new Team { Name = "red" }, new Team { Name = "blue" });
        await db.SaveChangesAsync();
    }

    internal static async Task<IReadOnlyList<Recount>> RecountAsync(Engine engine, bool expectBalanced)
    {
        await using var db = engine.NewContext();
        var recounter = engine.Services.GetRequiredService<StockRecounter>();
        var recounts = await recounter.RecountAsync(db, engine.Model.Stocks, engine.Time.GetUtcNow().UtcDateTime);
        if (expectBalanced)
        {
            var ids = recounts.Select(r => r.Id).ToList();
            var unexplained = await db.Set<BridgeLine>().Where(l => ids.Contains(l.RecountId) && l.Term == BridgeTerm.Unexplained && l.Amount != 0).ToListAsync();
            Assert.True(unexplained.Count == 0, "Unexplained: " + string.Join("; ", unexplained.Select(l => $"{l.Stock} {l.Facet}={l.Value} {l.Amount}")));
            Assert.All(recounts, r => Assert.Equal(0, r.Unexplained));
            Assert.Contains(await db.Set<BridgeLine>().Where(l => ids.Contains(l.RecountId)).ToListAsync(), l => l.Term is BridgeTerm.Inflow or BridgeTerm.Outflow);
        }

        return recounts;
    }

    internal static async Task AssertLiveEqualsFullAsync(Engine engine, string when)
    {
        await using var db = engine.NewContext();
        var stocks = engine.Model.Stocks;
        var full = await engine.Counter.CountAsync(db, stocks);
        var live = await engine.Services.GetRequiredService<LiveCounts>().CountAsync(db, stocks);
        Assert.Equal(full.Select(c => c.Total), await engine.Services.GetRequiredService<LiveCounts>().TotalsAsync(db, stocks));
        foreach (var (expected, actual) in full.Zip(live))
        {
            Assert.True(expected.Total == actual.Total, $"{when}, {expected.Stock}: live {actual.Total}, full count {expected.Total}.");
            foreach (var (facet, liveFacet) in expected.Facets.Zip(actual.Facets))
            {
                Assert.Equal(Values(facet), Values(liveFacet));
            }
        }

        static List<string> Values(FacetCount facet) =>
            [.. facet.Values.Where(v => v.Count != 0).Select(v => $"{facet.Facet.Slug}:{v.Value ?? "NULL"}={v.Count}").Order(StringComparer.Ordinal)];
    }
}
