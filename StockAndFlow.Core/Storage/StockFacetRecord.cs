namespace StockAndFlow.Storage;

/// <summary>
/// A stock's count for one facet value and period bucket. NULL facet values are stored with
/// <see cref="IsNull"/> set and an empty <see cref="Value"/>, so the unique key works on every provider
/// (PostgreSQL treats NULLs in a unique index as distinct).
/// </summary>
public sealed class StockFacetRecord
{
    /// <summary>Store-generated identity.</summary>
    public long Id { get; set; }

    /// <summary>The stock's slug.</summary>
    public string Stock { get; set; } = "";

    /// <summary>The facet's slug.</summary>
    public string Facet { get; set; } = "";

    /// <summary>The facet value as invariant text; empty when <see cref="IsNull"/>.</summary>
    public string Value { get; set; } = "";

    /// <summary>True for the bucket of rows whose facet value is NULL.</summary>
    public bool IsNull { get; set; }

    /// <summary>The bucket's period.</summary>
    public Period Period { get; set; }

    /// <summary>The bucket's start (UTC).</summary>
    public DateTime BucketStart { get; set; }

    /// <summary>Members with this value.</summary>
    public long Count { get; set; }

    /// <summary>When the count was taken (UTC).</summary>
    public DateTime CountedAt { get; set; }
}
