namespace StockAndFlow.Records;

/// <summary>The number of events of one flow in one period bucket. Unique on (flow, period, bucket start).</summary>
public sealed class FlowRecord
{
    /// <summary>Store-generated identity.</summary>
    public long Id { get; set; }

    /// <summary>The flow's slug.</summary>
    public string Flow { get; set; } = "";

    /// <summary>The bucket's period.</summary>
    public Period Period { get; set; }

    /// <summary>The bucket's start (UTC).</summary>
    public DateTime BucketStart { get; set; }

    /// <summary>Events in the bucket.</summary>
    public long Count { get; set; }

    /// <summary>When the count was last computed (UTC).</summary>
    public DateTime UpdatedAt { get; set; }
}
