using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StockAndFlow.Storage;
using StockAndFlow.Tests.Web;
using StockAndFlow.Web.Data;
using StockAndFlow.Web.Demo;

namespace StockAndFlow.Tests.Annotations;

/// <summary>A decay rule run from the jobs page is recorded under the operator's name and marked so on the charts.</summary>
[Collection(AdminAppCollection.Name)]
public sealed class DecayRunByHandTests(AdminAppFactory factory)
{
    [Fact]
    public async Task RunNowOnTheJobsPageMovesTheAgedRowsAndTheMarkerNamesTheOperator()
    {
        using var client = await factory.CreateAdminClientAsync();
        var now = factory.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;

        // Five hot leads last contacted long ago: what "hot-to-warm" moves on its next run.
        List<int> aged;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
            aged = await db.Leads.Where(l => l.Temperature == Temperature.Hot).OrderBy(l => l.Id).Select(l => l.Id).Take(5).ToListAsync();
            await db.Leads.Where(l => aged.Contains(l.Id)).ExecuteUpdateAsync(s => s.SetProperty(l => l.LastContactedAt, now.AddDays(-30)));
        }

        var page = await client.GetStringAsync("/stockflow-admin/jobs");
        Assert.Contains("action=\"/stockflow-admin/jobs/decay/hot-to-warm/run\"", page);
        using var form = new FormUrlEncodedContent([new("__RequestVerificationToken", AdminAppFactory.AntiforgeryToken(page))]);
        using var response = await client.PostAsync("/stockflow-admin/jobs/decay/hot-to-warm/run", form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        DecayRun run;
        List<FlowEvent> events;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
            run = await db.Set<DecayRun>().AsNoTracking().OrderByDescending(r => r.Id).FirstAsync();
            events = await db.Set<FlowEvent>().AsNoTracking()
                .Where(e => e.Source == "hot-leads" && e.Sink == "warm-leads" && e.OccurredAt >= run.StartedAt && e.OccurredAt <= run.FinishedAt).ToListAsync();
            Assert.Equal(0, await db.Leads.CountAsync(l => aged.Contains(l.Id) && l.Temperature == Temperature.Hot));
        }

        Assert.Equal(("hot-to-warm", AdminAppFactory.AdminEmail), (run.Rule, run.RanBy));
        Assert.Equal(events.Select(e => e.SubjectKey).Distinct().Count(), run.Moved);
        Assert.Superset(aged.Select(k => k.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToHashSet(), events.Select(e => e.SubjectKey).ToHashSet());
        var jobs = await client.GetStringAsync("/stockflow-admin/jobs");
        Assert.Contains($"ran now and moved {run.Moved} rows", jobs);

        using var json = JsonDocument.Parse(await client.GetStringAsync("/stockflow-admin/api/stocks/warm-leads/annotations?range=7d"));
        var marker = json.RootElement.GetProperty("buckets").EnumerateArray().SelectMany(b => b.GetProperty("annotations").EnumerateArray())
            .Single(a => a.GetProperty("kind").GetString() == "decay" && a.GetProperty("id").GetInt64() == run.Id);
        Assert.Equal($"Decay: Hot leads → Warm leads, {run.Moved} rows, {AdminAppFactory.AdminEmail}", marker.GetProperty("text").GetString());
    }
}
