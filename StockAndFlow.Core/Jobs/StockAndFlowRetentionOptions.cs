namespace StockAndFlow.Jobs;

/// <summary>How long flow events are kept (section <c>StockAndFlow:Retention</c>).</summary>
public sealed class StockAndFlowRetentionOptions
{
    /// <summary>
    /// Keep flow events for this many whole UTC months before the current one, removing older months
    /// once flow records and every stock's recount have covered them; records, recounts and bridges
    /// stay. Null (the default) keeps every event.
    /// </summary>
    public int? FlowEventMonths { get; set; }

    /// <summary>Month partitions created ahead of the current one on PostgreSQL. Default 2.</summary>
    public int PartitionsAhead { get; set; } = 2;

    /// <summary>Rows a <c>DELETE</c> statement removes where months are deleted row by row. Default 10 000.</summary>
    public int DeleteBatchSize { get; set; } = 10_000;
}
