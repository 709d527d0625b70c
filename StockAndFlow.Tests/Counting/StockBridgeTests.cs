using Microsoft.EntityFrameworkCore;
using StockAndFlow.Storage;
using StockAndFlow.Tests.Support;

namespace StockAndFlow.Tests.Counting;

/// <summary>The stock bridge: what capture saw explains a recount; what bypassed it is unexplained.</summary>
public sealed class StockBridgeTests
{
    [Theory, AllProviders]
    public async Task AnExecuteUpdateBehindCapture_IsExactlyTheUnexplained(string provider)
    {
        await using var engine = await Engine.StartAsync(provider, LiveCountsTests.Define);
        await LiveCountsTests.AddTeamsAsync(engine);
        var saves = new RandomSaves(new Random(7), teams: 2);
        for (var i = 0; i < 30; i++)
        {
            await saves.AddAsync(engine);
        }

        await LiveCountsTests.RecountAsync(engine, expectBalanced: false);
        engine.Time.Advance(TimeSpan.FromDays(1));

        // Captured: two members lapse (a flow) and one changes region while staying active.
        await using (var db = engine.NewContext())
        {
            var active = await db.Users.Where(u => u.IsActive).OrderBy(u => u.Id).Take(3).ToListAsync();
            active[0].IsActive = false;
            active[1].IsActive = false;
            active[2].Region = active[2].Region == "apac" ? "eu" : "apac";
            await db.SaveChangesAsync();
        }

        // Behind capture's back: every inactive member in the US becomes active.
        int bypassed;
        List<string?> bypassedPlans;
        await using (var db = engine.NewContext())
        {
            bypassedPlans = await db.Users.Where(u => !u.IsActive && u.Region == "us").Select(u => (string?)u.Name).ToListAsync();
            bypassed = await db.Users.Where(u => !u.IsActive && u.Region == "us").ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, true));
        }

        Assert.True(bypassed > 0, "The random history must leave inactive members in the US.");
        engine.Time.Advance(TimeSpan.FromHours(1));
        var recounts = await LiveCountsTests.RecountAsync(engine, expectBalanced: false);

        Assert.Equal(bypassed, recounts.Single(r => r.Stock == "active").Unexplained);
        Assert.Equal(-bypassed, recounts.Single(r => r.Stock == "inactive").Unexplained);
        Assert.Equal(0, recounts.Single(r => r.Stock == "staff").Unexplained);

        await using var read = engine.NewContext();
        var activeId = recounts.Single(r => r.Stock == "active").Id;
        var lines = await read.Set<BridgeLine>().Where(l => l.RecountId == activeId).ToListAsync();
        Assert.Equal([("region", "us", (long)bypassed)], lines.Where(l => l.Facet == "region" && l.Term == BridgeTerm.Unexplained && l.Amount != 0).Select(l => (l.Facet, l.Value, l.Amount)));
        var byPlan = bypassedPlans.GroupBy(p => p!).ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(byPlan.OrderBy(p => p.Key), lines.Where(l => l.Facet == "plan" && l.Term == BridgeTerm.Unexplained && l.Amount != 0).Select(l => KeyValuePair.Create(l.Value, l.Amount)).OrderBy(p => p.Key));
        Assert.Equal(2, lines.Single(l => l.Facet == "" && l.Term == BridgeTerm.Outflow && l.Flow == "lapse").Amount);
        Assert.Equal(2, lines.Where(l => l.Facet == "region" && l.Term == BridgeTerm.Reassigned).Sum(l => Math.Abs(l.Amount)));

        // A facet read through a navigation is counted, not followed: it has closing lines only.
        Assert.All(lines.Where(l => l.Facet == "team"), l => Assert.Equal(BridgeTerm.Closing, l.Term));

        // Every other line of the stock and its facet values adds up to its closing.
        foreach (var key in lines.Where(l => l.Facet != "team").GroupBy(l => (l.Facet, l.Value, l.IsNull)))
        {
            var sum = key.Where(l => l.Term != BridgeTerm.Closing).Sum(l => l.Term == BridgeTerm.Outflow ? -l.Amount : l.Amount);
            Assert.Equal(key.Single(l => l.Term == BridgeTerm.Closing).Amount, sum);
        }
    }
}
