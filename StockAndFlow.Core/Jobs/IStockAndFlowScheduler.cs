namespace StockAndFlow.Jobs;

/// <summary>
/// What the admin needs from a job scheduler: the recurring jobs with their last and next run, "run
/// now", and a background run of a large bulk action. <c>StockAndFlow.Hangfire</c> implements it over
/// Hangfire; without one the admin says jobs are not configured and runs every action in the request.
/// </summary>
public interface IStockAndFlowScheduler
{
    /// <summary>Where the scheduler's own dashboard is mounted, or <see langword="null"/> when it has none.</summary>
    string? DashboardPath { get; }

    /// <summary>StockAndFlow's recurring jobs (ids starting with <see cref="JobIds.Prefix"/>), ordered by id.</summary>
    IReadOnlyList<ScheduledJob> GetRecurringJobs();

    /// <summary>Queues recurring job <paramref name="jobId"/> to run now; <see langword="false"/> when no such job is registered.</summary>
    bool TriggerNow(string jobId);

    /// <summary>Queues action execution <paramref name="executionId"/> to run in the background (<see cref="ActionJob"/>).</summary>
    void EnqueueAction(long executionId);
}

/// <summary>A recurring job as its scheduler stores it; times are UTC.</summary>
/// <param name="Id">The job id, e.g. <see cref="JobIds.Snapshot"/>.</param>
/// <param name="Cron">Its schedule as a cron expression.</param>
/// <param name="TimeZone">The time zone the cron expression is read in.</param>
/// <param name="LastRun">When it last started, if ever.</param>
/// <param name="LastState">How its last run ended (e.g. Succeeded, Failed), if known.</param>
/// <param name="NextRun">When it runs next, if scheduled.</param>
/// <param name="Error">Why the scheduler cannot run it, if it cannot.</param>
public sealed record ScheduledJob(string Id, string? Cron, string? TimeZone, DateTime? LastRun, string? LastState, DateTime? NextRun, string? Error);
