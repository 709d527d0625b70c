namespace StockAndFlow.Storage;

/// <summary>
/// A stock's count for one period bucket: the last snapshot taken within the bucket. Unique on
/// (stock, period, bucket start); a snapshot taken again updates it.
/// </summary>
public sealed class StockRecord
{
    /// <summary>Store-generated identity.</summary>
    public long Id { get; set; }

    /// <summary>The stock's slug.</summary>
    public string Stock { get; set; } = "";

    /// <summary>The bucket's period.</summary>
    public Period Period { get; set; }

    /// <summary>The bucket's start (UTC).</summary>
    public DateTime BucketStart { get; set; }

    /// <summary>Members counted.</summary>
    public long Count { get; set; }

    /// <summary>When the count was taken (UTC).</summary>
    public DateTime CountedAt { get; set; }
}
