using StockAndFlow.Reading;
using StockAndFlow.Definitions;
using StockAndFlow.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StockAndFlow.Insights;
using StockAndFlow.Tests.Support;

namespace StockAndFlow.Tests.Insights;

public sealed class InsightCollectorTests
{
    private static void Define(StockAndFlow.Definitions.StockAndFlowBuilder sf)
    {
        sf.Insight(InsightDefinition.Counter("user-count", "How many users are there?", async (c, ct) => await c.Db.Set<User>().LongCountAsync(ct)));
        sf.Insight(InsightDefinition.Gauge("staff-share", "What share of users is staff?", async (c, ct) =>
        {
            var all = await c.Db.Set<User>().CountAsync(ct);
            return all == 0 ? null : (decimal)await c.Db.Set<User>().CountAsync(u => u.IsStaff, ct) / all;
        }));
        sf.Insight(InsightDefinition.Bar("users-by-region", "Users per region?", async (c, ct) =>
            (await c.Db.Set<User>().GroupBy(u => u.Region).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct)).Select(g => (g.Key ?? "none", (decimal)g.Count))).Labeled("Region", "Users"));
        sf.Insight(InsightDefinition.Counter("broken", "Does this fail?", (_, _) => throw new InvalidOperationException("the query is wrong")));
    }

    [Fact]
    public async Task Collect_IsolatesAFailingInsight_AndKeepsEveryRun()
    {
        await using var engine = await Engine.StartAsync(Define);
        await using (var db = engine.NewContext())
        {
            db.Users.AddRange(new User { Region = "eu", IsStaff = true }, new User { Region = "eu" }, new User { Region = "us" }, new User());
            await db.SaveChangesAsync();
        }

        var collector = engine.Services.GetRequiredService<InsightCollector>();
        var first = await collector.CollectAsync();
        await using (var db = engine.NewContext())
        {
            db.Users.Add(new User { Region = "us" });
            await db.SaveChangesAsync();
        }

        var second = await collector.CollectAsync();

        Assert.Equal((3, 1), (first.Succeeded, first.Failed));
        Assert.Equal((3, 1), (second.Succeeded, second.Failed));
        await using var read = engine.NewContext();
        Assert.Equal(2, await read.Set<InsightRun>().CountAsync());
        var broken = await read.Set<InsightResult>().Where(r => r.Insight == "broken").ToListAsync();
        Assert.All(broken, r => Assert.Equal(("the query is wrong", false), (r.Error, r.Succeeded)));
        var latest = await InsightResults.LatestAsync(read);
        Assert.Equal((5L, 4L), (latest["user-count"].Latest.Counter!.Value, latest["user-count"].Previous!.Counter!.Value));
        Assert.Equal(0.2m, latest["staff-share"].Latest.Gauge);
        var bars = InsightResults.Points(latest["users-by-region"].Latest).ToDictionary(p => p.Category!, p => p.Y);
        Assert.Equal(new Dictionary<string, decimal> { ["eu"] = 2, ["us"] = 2, ["none"] = 1 }, bars);
    }
}
