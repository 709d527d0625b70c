namespace StockAndFlow.Storage;

/// <summary>
/// A stored value of a metric for a period and date — and optionally for one object (any entity with an
/// int, long, Guid or string key). Unique on (metric, period, date, object); <see cref="Value"/> may be
/// null, meaning "no data".
/// </summary>
public sealed class Statistic
{
    /// <summary>Store-generated identity.</summary>
    public long Id { get; set; }

    /// <summary>The metric's id.</summary>
    public int MetricId { get; set; }

    /// <summary>The period the value holds for.</summary>
    public StatisticPeriod Period { get; set; }

    /// <summary>The bucket's (or day's) start, UTC.</summary>
    public DateTime Date { get; set; }

    /// <summary>The object's entity type name; empty for statistics by date only.</summary>
    public string ObjectType { get; set; } = "";

    /// <summary>The object's key as invariant text; empty for statistics by date only.</summary>
    public string ObjectKey { get; set; } = "";

    /// <summary>The value (integers are stored exactly); null means no data.</summary>
    public decimal? Value { get; set; }

    /// <summary>When the value was written (UTC).</summary>
    public DateTime UpdatedAt { get; set; }
}
