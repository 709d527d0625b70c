using StockAndFlow.Storage;
using global::Hangfire;
using global::Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StockAndFlow.Definitions;
using StockAndFlow.Jobs;

namespace StockAndFlow.Hangfire;

/// <summary>Registers StockAndFlow's recurring jobs with Hangfire.</summary>
public static class RecurringJobs
{
    /// <summary>
    /// Registers the recurring jobs with the crons of <see cref="StockAndFlowJobsOptions"/> in the
    /// reporting time zone: snapshot stocks, recount stocks, update flow records, flow event partitions and
    /// retention, one job per decay rule, statistics
    /// trackers and insight collection (the last two only when any are declared), and deletes the
    /// <see cref="JobIds.Prefix"/> jobs whose definition was removed. <c>AddHangfireJobs()</c> calls it at
    /// start-up; safe to call again.
    /// </summary>
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
            manager.AddOrUpdate<SnapshotStocksJob>(JobIds.Snapshot, job => job.RunAsync(CancellationToken.None), options.SnapshotCron, schedule);
            manager.AddOrUpdate<UpdateFlowRecordsJob>(JobIds.FlowRecords, job => job.RunAsync(CancellationToken.None), options.FlowRecordsCron, schedule);
            manager.AddOrUpdate<RecountStocksJob>(JobIds.Recount, job => job.RunAsync(CancellationToken.None), options.RecountCron, schedule);
            manager.AddOrUpdate<FlowEventRetentionJob>(JobIds.FlowEventRetention, job => job.RunAsync(CancellationToken.None), options.FlowEventRetentionCron, schedule);
            wanted.UnionWith([JobIds.Snapshot, JobIds.FlowRecords, JobIds.Recount, JobIds.FlowEventRetention]);
            if (model.Trackers.Count > 0)
            {
                manager.AddOrUpdate<TrackStatisticsJob>(JobIds.Statistics, job => job.RunAsync(CancellationToken.None), options.StatisticsCron, schedule);
                wanted.Add(JobIds.Statistics);
            }

            if (model.Insights.Count > 0)
            {
                manager.AddOrUpdate<CollectInsightsJob>(JobIds.Insights, job => job.RunAsync(CancellationToken.None), options.InsightsCron, schedule);
                wanted.Add(JobIds.Insights);
            }

            if (model.Alerts.Count > 0)
            {
                manager.AddOrUpdate<EvaluateAlertsJob>(JobIds.Alerts, job => job.RunAsync(CancellationToken.None), options.AlertsCron, schedule);
                wanted.Add(JobIds.Alerts);
            }

            foreach (var rule in model.DecayRules)
            {
                var slug = rule.Slug;
                manager.AddOrUpdate<DecayJob>(JobIds.DecayPrefix + slug, job => job.RunAsync(slug, CancellationToken.None), options.DecayCron, schedule);
                wanted.Add(JobIds.DecayPrefix + slug);
            }
        }

        using var connection = storage.GetConnection();
        foreach (var stale in connection.GetRecurringJobs().Select(j => j.Id).Where(id => id.StartsWith(JobIds.Prefix, StringComparison.Ordinal) && !wanted.Contains(id)))
        {
            manager.RemoveIfExists(stale);
        }
    }
}
