namespace StockAndFlow.Storage;

/// <summary>
/// The number of events of one flow in one period bucket — in total (<see cref="Facet"/> empty) or for
/// one facet value of the subjects. Unique on (flow, facet, value, period, bucket start).
/// </summary>
public sealed class FlowRecord
{
    /// <summary>Store-generated identity.</summary>
    public long Id { get; set; }

    /// <summary>The flow's slug.</summary>
    public string Flow { get; set; } = "";

    /// <summary>The facet's slug; empty for the flow's total.</summary>
    public string Facet { get; set; } = "";

    /// <summary>The facet value as invariant text; empty for the total or when <see cref="IsNull"/>.</summary>
    public string Value { get; set; } = "";

    /// <summary>True for the bucket of subjects whose facet value is NULL (or that no longer exist).</summary>
    public bool IsNull { get; set; }

    /// <summary>The bucket's period.</summary>
    public Period Period { get; set; }

    /// <summary>The bucket's start (UTC).</summary>
    public DateTime BucketStart { get; set; }

    /// <summary>Events in the bucket.</summary>
    public long Count { get; set; }

    /// <summary>When the count was last computed (UTC).</summary>
    public DateTime UpdatedAt { get; set; }
}
