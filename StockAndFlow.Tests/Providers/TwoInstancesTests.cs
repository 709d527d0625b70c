using StockAndFlow.Storage;
using Hangfire;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StockAndFlow.Jobs;
using StockAndFlow.Tests.Support;
using StockAndFlow.Web.Data;
using StockAndFlow.Web.Demo;

namespace StockAndFlow.Tests.Providers;

/// <summary>
/// Two app instances sharing one PostgreSQL database are two Hangfire servers of one Hangfire: a
/// recurring job fires once per schedule, not once per instance, and its records are not duplicated.
/// </summary>
[Collection(HangfireHostsCollection.Name)]
public sealed class TwoInstancesTests
{
    [PostgreSqlFact]
    public async Task TwoInstancesRunEachScheduledSnapshotOnce()
    {
        await using var database = await PostgreSqlTestDatabase.CreateOnServerAsync();
        await using var first = Instance(database.ConnectionString);
        using var firstClient = first.CreateClient();
        await using var second = Instance(database.ConnectionString);
        using var secondClient = second.CreateClient();
        await using (var scope = first.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
            db.Customers.AddRange(Enumerable.Range(1, 5).Select(i => new Customer { Name = $"c{i}", Plan = "team", SignedUpAt = DateTime.UtcNow }));
            await db.SaveChangesAsync();
        }

        // A snapshot may fire while the instances start, before the customers exist: wait for one
        // scheduled after the save (the next minute), then a little longer for any duplicate run.
        var saved = DateTime.UtcNow;
        var scheduledAfterSave = new DateTime(saved.Ticks - (saved.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc).AddMinutes(1);
        var monitor = first.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        // Each server announces itself from a background thread after its host has started.
        var announced = DateTime.UtcNow.AddSeconds(30);
        while (monitor.Servers().Count < 2 && DateTime.UtcNow < announced)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        Assert.Equal(2, monitor.Servers().Count);
        var deadline = DateTime.UtcNow.AddSeconds(150);
        var snapshots = new List<DateTime>();
        while (DateTime.UtcNow < deadline)
        {
            snapshots = [.. monitor.SucceededJobs(0, 200).Where(j => j.Value.Job?.Type == typeof(SnapshotStocksJob)).Select(j => j.Value.SucceededAt ?? DateTime.MinValue)];
            var afterSave = snapshots.Where(s => s >= scheduledAfterSave).ToList();
            if (afterSave.Count >= 1 && DateTime.UtcNow > afterSave.Min().AddSeconds(15))
            {
                break;
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        // Every schedule occurrence (minute) seen ran once, on one of the two servers, not once per server.
        Assert.True(snapshots.Any(s => s >= scheduledAfterSave), "No snapshot scheduled after the save ran in 150 s.");
        Assert.Equal(snapshots.Count, snapshots.Select(s => new DateTime(s.Year, s.Month, s.Day, s.Hour, s.Minute, 0)).Distinct().Count());
        Assert.Equal(0, monitor.FailedCount());
        await using var read = second.Services.CreateAsyncScope();
        var records = await read.ServiceProvider.GetRequiredService<ShopDbContext>().Set<StockRecord>().AsNoTracking().ToListAsync();
        Assert.Equal(records.Count, records.Select(r => (r.Stock, r.Period, r.BucketStart)).Distinct().Count());
        Assert.Contains(records, r => r.Stock == "trial-customers" && r.Count == 5);
    }

    private static WebApplicationFactory<Program> Instance(string connectionString) =>
        new ProviderAppFactory("PostgreSql", connectionString, seed: false).WithWebHostBuilder(b =>
        {
            b.UseSetting("StockAndFlow:Jobs:SnapshotCron", "* * * * *");
            b.UseSetting("StockAndFlow:Jobs:FlowRecordsCron", "* * * * *");
        });
}
