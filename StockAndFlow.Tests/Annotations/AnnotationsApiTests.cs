using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StockAndFlow.Definitions;
using StockAndFlow.Storage;
using StockAndFlow.Tests.Providers;
using StockAndFlow.Tests.Support;
using StockAndFlow.Tests.Web;
using StockAndFlow.Web.Data;

namespace StockAndFlow.Tests.Annotations;

/// <summary>
/// The markers of every stock and flow chart of the demo's seeded year, over two ranges, equal a count
/// made event by event: each flow event is given to the bulk-action execution or decay run that was
/// running when it happened and moved rows out of its stock (and, for a run, into its target), and each
/// marker must hold exactly the executions and runs with events on that stock or flow, with their
/// distinct rows, first move and bucket.
/// </summary>
[Collection(HangfireHostsCollection.Name)]
public sealed class AnnotationsApiTests
{
    [Fact]
    public async Task EveryChartsMarkersEqualTheEventsOfEachExecutionAndRunOnSqlite()
    {
        await using var factory = new AdminAppFactory();
        using var client = await factory.CreateAdminClientAsync();
        await AssertMarkersAsync(client, factory);
    }

    [PostgreSqlFact]
    public async Task EveryChartsMarkersEqualTheEventsOfEachExecutionAndRunOnPostgreSql()
    {
        await using var database = await PostgreSqlTestDatabase.CreateOnServerAsync();
        await using var factory = new ProviderAppFactory("PostgreSql", database.ConnectionString);
        using var client = await AdminAppFactory.SignInAsync(factory, AdminAppFactory.AdminEmail, AdminAppFactory.AdminPassword);
        await AssertMarkersAsync(client, factory);
    }

    private static async Task AssertMarkersAsync(HttpClient client, WebApplicationFactory<Program> factory)
    {
        var model = factory.Services.GetRequiredService<StockAndFlowModel>();
        var calendar = factory.Services.GetRequiredService<PeriodCalendar>();
        var now = factory.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        List<FlowEvent> events;
        List<DecayRun> runs;
        List<ActionExecution> executions;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
            events = await db.Set<FlowEvent>().AsNoTracking().ToListAsync();
            runs = await db.Set<DecayRun>().AsNoTracking().ToListAsync();
            executions = await db.Set<ActionExecution>().AsNoTracking().ToListAsync();
        }

        // The seeded year ran the decay rules daily and re-contacted cold leads every ten days.
        Assert.True(runs.Count > 100, $"The demo's history recorded {runs.Count} decay runs.");
        Assert.True(executions.Count > 20, $"The demo's history recorded {executions.Count} action executions.");
        foreach (var run in runs)
        {
            var moved = events.Count(e => e.Source == run.FromStock && e.Sink == run.ToStock && e.OccurredAt >= run.StartedAt && e.OccurredAt <= run.FinishedAt);
            Assert.True(run.Moved == moved, $"Decay run {run.Id} ({run.Rule}) recorded {run.Moved} rows; {moved} events went {run.FromStock} → {run.ToStock} while it ran.");
            Assert.Equal(DecayRun.ScheduledJob, run.RanBy);
        }

        // Each event, given to every execution or run it belongs to.
        var owned = new List<(string Kind, long Id, FlowEvent Event)>();
        foreach (var e in events)
        {
            foreach (var run in runs)
            {
                if (e.Source == run.FromStock && e.Sink == run.ToStock && e.OccurredAt >= run.StartedAt && e.OccurredAt <= run.FinishedAt)
                {
                    owned.Add(("decay", run.Id, e));
                }
            }

            foreach (var x in executions)
            {
                if (x.Status is not (ActionExecutionStatus.Queued or ActionExecutionStatus.Failed) && e.Source == x.Stock && e.OccurredAt >= x.RequestedAt && e.OccurredAt <= (x.FinishedAt ?? now))
                {
                    owned.Add(("action", x.Id, e));
                }
            }
        }

        var seen = new HashSet<string>();
        foreach (var (range, period) in new[] { ("90d", Period.Week), ("30d", Period.Day) })
        {
            var from = calendar.StartOfLastDays(now, range == "90d" ? 90 : 30);
            var targets = model.Stocks.Where(s => !s.IsExternal).Select(s => ("stocks", s.Slug, (Func<FlowEvent, bool>)(e => e.Source == s.Slug || e.Sink == s.Slug)))
                .Concat(model.Flows.Select(f => ("flows", f.Slug, (Func<FlowEvent, bool>)(e => e.Flow == f.Slug))));
            foreach (var (kind, slug, touches) in targets)
            {
                var expected = owned.Where(o => touches(o.Event))
                    .GroupBy(o => (o.Kind, o.Id))
                    .Select(g => (g.Key.Kind, g.Key.Id, Rows: g.Select(o => o.Event.SubjectKey).Distinct().Count(), At: g.Min(o => o.Event.OccurredAt)))
                    .Where(a => a.At >= from && a.At < now)
                    .Select(a => (Bucket: calendar.BucketStart(a.At, period), a.Kind, a.Id, a.Rows, a.At))
                    .OrderBy(a => a.Bucket).ThenBy(a => a.Kind).ThenBy(a => a.Id)
                    .ToList();

                using var json = JsonDocument.Parse(await client.GetStringAsync($"/stockflow-admin/api/{kind}/{slug}/annotations?range={range}&period={period.ToString().ToLowerInvariant()}"));
                var buckets = json.RootElement.GetProperty("buckets").EnumerateArray().ToList();
                var actual = buckets
                    .SelectMany(b => b.GetProperty("annotations").EnumerateArray().Select(a => (
                        Bucket: b.GetProperty("bucketStart").GetDateTime().ToUniversalTime(),
                        Kind: a.GetProperty("kind").GetString()!,
                        Id: a.GetProperty("id").GetInt64(),
                        Rows: a.GetProperty("rows").GetInt32(),
                        At: a.GetProperty("at").GetDateTime().ToUniversalTime())))
                    .OrderBy(a => a.Bucket).ThenBy(a => a.Kind).ThenBy(a => a.Id)
                    .ToList();
                Assert.Equal(expected, actual);

                // One marker per bucket, its rows the sum of its annotations'; each text says who and how many.
                Assert.Equal(buckets.Count, buckets.Select(b => b.GetProperty("bucketStart").GetDateTime()).Distinct().Count());
                foreach (var bucket in buckets)
                {
                    var annotations = bucket.GetProperty("annotations").EnumerateArray().ToList();
                    Assert.Equal(annotations.Sum(a => a.GetProperty("rows").GetInt32()), bucket.GetProperty("rows").GetInt32());
                    foreach (var a in annotations)
                    {
                        var rows = a.GetProperty("rows").GetInt32();
                        var text = a.GetProperty("text").GetString()!;
                        var count = rows == 1 ? "1 row" : rows.ToString("N0", CultureInfo.InvariantCulture) + " rows";
                        if (a.GetProperty("kind").GetString() == "decay")
                        {
                            var run = runs.Single(r => r.Id == a.GetProperty("id").GetInt64());
                            Assert.Equal($"Decay: {model.FindStock(run.FromStock)!.Name} → {model.FindStock(run.ToStock)!.Name}, {count}, scheduled job", text);
                        }
                        else
                        {
                            var x = executions.Single(e => e.Id == a.GetProperty("id").GetInt64());
                            Assert.Equal($"Action '{model.FindAction(x.Action)!.Name}' by {x.User}, {count}", text);
                        }

                        seen.Add(a.GetProperty("kind").GetString()!);
                    }
                }
            }
        }

        Assert.Equal(new[] { "action", "decay" }, seen.Order());

        // The chart of the re-contacted stock marks an action in the last 30 days; its target marks it too.
        using var cold = JsonDocument.Parse(await client.GetStringAsync("/stockflow-admin/api/stocks/cold-leads/annotations?range=30d"));
        Assert.Contains(cold.RootElement.GetProperty("buckets").EnumerateArray(), b => b.GetProperty("annotations").EnumerateArray().Any(a => a.GetProperty("kind").GetString() == "action"));
        using var reengaging = JsonDocument.Parse(await client.GetStringAsync("/stockflow-admin/api/flows/re-engaging/annotations?range=30d"));
        var marked = reengaging.RootElement.GetProperty("buckets").EnumerateArray().SelectMany(b => b.GetProperty("annotations").EnumerateArray()).ToList();
        Assert.Contains(marked, a => a.GetProperty("kind").GetString() == "action");

        // The CSV download has a line per annotation.
        var csv = (await client.GetStringAsync("/stockflow-admin/api/flows/re-engaging/annotations?range=30d&format=csv")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("bucketStart,at,kind,id,what,by,rows,text", csv[0].TrimEnd('\r'));
        Assert.Equal(marked.Count, csv.Length - 1);
    }
}
