namespace StockAndFlow.Jobs;

/// <summary>
/// The ids StockAndFlow's recurring jobs are scheduled under, whatever schedules them: every id starts
/// with <see cref="Prefix"/>, so a scheduler can prune the ones whose definition was removed.
/// </summary>
public static class JobIds
{
    /// <summary>The prefix of every StockAndFlow job id.</summary>
    public const string Prefix = "stockandflow:";

    /// <summary>Counts every stock and facet value (<see cref="SnapshotStocksJob"/>).</summary>
    public const string Snapshot = Prefix + "snapshot-stocks";

    /// <summary>Recounts every stock with its bridge (<see cref="RecountStocksJob"/>).</summary>
    public const string Recount = Prefix + "recount-stocks";

    /// <summary>Rolls flow events up into flow records (<see cref="UpdateFlowRecordsJob"/>).</summary>
    public const string FlowRecords = Prefix + "flow-records";

    /// <summary>The prefix of the one job per decay rule (<see cref="DecayJob"/>), followed by the rule's slug.</summary>
    public const string DecayPrefix = Prefix + "decay:";

    /// <summary>Runs the statistics trackers (<see cref="TrackStatisticsJob"/>).</summary>
    public const string Statistics = Prefix + "statistics";

    /// <summary>Collects the insights (<see cref="CollectInsightsJob"/>).</summary>
    public const string Insights = Prefix + "insights";

    /// <summary>Evaluates the alerts (<see cref="EvaluateAlertsJob"/>).</summary>
    public const string Alerts = Prefix + "alerts";

    /// <summary>Creates the event table's partitions ahead and applies retention (<see cref="FlowEventRetentionJob"/>).</summary>
    public const string FlowEventRetention = Prefix + "flow-event-retention";
}
