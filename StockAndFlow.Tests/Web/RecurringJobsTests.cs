using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using StockAndFlow.Definitions;
using StockAndFlow.Hangfire;
using StockAndFlow.Jobs;
using StockAndFlow.Web.Jobs;

namespace StockAndFlow.Tests.Web;

[Collection(StockAndFlow.Tests.Support.HangfireHostsCollection.Name)]
public sealed class RecurringJobsTests(DemoAppFactory factory) : IClassFixture<DemoAppFactory>
{
    [Fact]
    public void StartupRegistersTheSnapshotFlowRecordAndDecayJobsWithTheirSchedules()
    {
        using var client = factory.CreateClient();
        var model = factory.Services.GetRequiredService<StockAndFlowModel>();
        using var connection = factory.Services.GetRequiredService<JobStorage>().GetConnection();

        var jobs = connection.GetRecurringJobs().ToDictionary(j => j.Id, j => j.Cron);

        Assert.Equal("0 * * * *", jobs[JobIds.Snapshot]);
        Assert.Equal("*/10 * * * *", jobs[JobIds.FlowRecords]);
        Assert.Equal("0 4 * * *", jobs[JobIds.FlowEventRetention]);
        Assert.All(model.DecayRules, rule => Assert.Equal("5 * * * *", jobs[JobIds.DecayPrefix + rule.Slug]));
    }

    [Fact]
    public void JobsOfRemovedDecayRulesAreRemovedAtStartup()
    {
        using var client = factory.CreateClient();
        var manager = factory.Services.GetRequiredService<IRecurringJobManager>();
        manager.AddOrUpdate<StockAndFlow.Jobs.DecayJob>(JobIds.DecayPrefix + "gone", job => job.RunAsync("gone", CancellationToken.None), Cron.Hourly());

        factory.Services.RegisterStockAndFlowJobs();

        using var connection = factory.Services.GetRequiredService<JobStorage>().GetConnection();
        Assert.DoesNotContain(connection.GetRecurringJobs(), j => j.Id == JobIds.DecayPrefix + "gone");
        Assert.Contains(connection.GetRecurringJobs(), j => j.Id == JobIds.Snapshot);
    }
}
