namespace StockAndFlow.Jobs;

/// <summary>Cron schedules of the recurring jobs (section <c>StockAndFlow:Jobs</c>), in the reporting time zone.</summary>
public sealed class StockAndFlowJobsOptions
{
    /// <summary>Snapshot of every stock. Default hourly.</summary>
    public string SnapshotCron { get; set; } = "0 * * * *";

    /// <summary>Full recount of every stock with its bridge, the base of live counts. Default daily at 02:30.</summary>
    public string RecountCron { get; set; } = "30 2 * * *";

    /// <summary>Flow record update. Default every 10 minutes.</summary>
    public string FlowRecordsCron { get; set; } = "*/10 * * * *";

    /// <summary>Each decay rule. Default hourly, at minute 5.</summary>
    public string DecayCron { get; set; } = "5 * * * *";

    /// <summary>Statistics trackers. Default every hour at minute 15.</summary>
    public string StatisticsCron { get; set; } = "15 * * * *";

    /// <summary>Insight collection. Default daily at 03:00.</summary>
    public string InsightsCron { get; set; } = "0 3 * * *";

    /// <summary>Alert evaluation. Default every 15 minutes.</summary>
    public string AlertsCron { get; set; } = "*/15 * * * *";

    /// <summary>Event partitions ahead and retention (<c>StockAndFlow:Retention</c>). Default daily at 04:00, after the recount.</summary>
    public string FlowEventRetentionCron { get; set; } = "0 4 * * *";

    /// <summary>Register the recurring jobs at start-up. Default true.</summary>
    public bool Enabled { get; set; } = true;
}
