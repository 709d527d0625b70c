using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StockAndFlow.Definitions;
using StockAndFlow.Jobs;
using StockAndFlow.Records;

namespace StockAndFlow.Hangfire;

/// <summary>
/// Registers StockAndFlow's recurring jobs with Hangfire from options: snapshot stocks, update flow
/// records, one job per decay rule, statistics trackers and insight collection. Jobs whose definition
/// was removed are removed.
/// </summary>
public static class RecurringJobs
{
    public const string Prefix = JobIds.Prefix;
    public const string Snapshot = JobIds.Snapshot;
    public const string FlowRecords = JobIds.FlowRecords;
    public const string DecayPrefix = JobIds.DecayPrefix;
    public const string Statistics = JobIds.Statistics;
    public const string Insights = JobIds.Insights;

    public static void RegisterStockAndFlowJobs(this IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<StockAndFlowJobsOptions>>().Value;
        var manager = services.GetRequiredService<IRecurringJobManager>();
        var storage = services.GetRequiredService<JobStorage>();
        var model = services.GetRequiredService<StockAndFlowModel>();
        var schedule = new RecurringJobOptions { TimeZone = services.GetRequiredService<PeriodCalendar>().TimeZone };

        var wanted = new HashSet<string>(StringComparer.Ordinal);
        if (options.Enabled)
        {
            manager.AddOrUpdate<SnapshotStocksJob>(Snapshot, job => job.RunAsync(CancellationToken.None), options.SnapshotCron, schedule);
            manager.AddOrUpdate<UpdateFlowRecordsJob>(FlowRecords, job => job.RunAsync(CancellationToken.None), options.FlowRecordsCron, schedule);
            wanted.UnionWith([Snapshot, FlowRecords]);
            if (model.Trackers.Count > 0)
            {
                manager.AddOrUpdate<TrackStatisticsJob>(Statistics, job => job.RunAsync(CancellationToken.None), options.StatisticsCron, schedule);
                wanted.Add(Statistics);
            }

            if (model.Insights.Count > 0)
            {
                manager.AddOrUpdate<CollectInsightsJob>(Insights, job => job.RunAsync(CancellationToken.None), options.InsightsCron, schedule);
                wanted.Add(Insights);
            }

            foreach (var rule in model.DecayRules)
            {
                var slug = rule.Slug;
                manager.AddOrUpdate<DecayJob>(DecayPrefix + slug, job => job.RunAsync(slug, CancellationToken.None), options.DecayCron, schedule);
                wanted.Add(DecayPrefix + slug);
            }
        }

        using var connection = storage.GetConnection();
        foreach (var stale in connection.GetRecurringJobs().Select(j => j.Id).Where(id => id.StartsWith(Prefix, StringComparison.Ordinal) && !wanted.Contains(id)))
        {
            manager.RemoveIfExists(stale);
        }
    }
}
