using global::Hangfire;
using global::Hangfire.Storage;
using Microsoft.Extensions.Options;
using StockAndFlow.Jobs;

namespace StockAndFlow.Hangfire;

/// <summary>The admin's view of Hangfire: StockAndFlow's recurring jobs, "run now", and background bulk actions.</summary>
internal sealed class HangfireScheduler(
    JobStorage storage,
    IRecurringJobManager recurring,
    IBackgroundJobClient background,
    IOptions<StockAndFlowHangfireOptions> options) : IStockAndFlowScheduler
{
    public string? DashboardPath => string.IsNullOrEmpty(options.Value.DashboardPath) ? null : options.Value.DashboardPath;

    public IReadOnlyList<ScheduledJob> GetRecurringJobs()
    {
        using var connection = storage.GetConnection();
        return
        [
            .. connection.GetRecurringJobs()
                .Where(j => j.Id.StartsWith(JobIds.Prefix, StringComparison.Ordinal))
                .OrderBy(j => j.Id, StringComparer.Ordinal)
                .Select(j => new ScheduledJob(j.Id, j.Cron, j.TimeZoneId, j.LastExecution, j.LastJobState, j.NextExecution, j.Error)),
        ];
    }

    public bool TriggerNow(string jobId)
    {
        if (!GetRecurringJobs().Any(j => j.Id == jobId))
        {
            return false;
        }

        recurring.Trigger(jobId);
        return true;
    }

    public void EnqueueAction(long executionId) => background.Enqueue<ActionJob>(job => job.RunAsync(executionId, CancellationToken.None));
}
