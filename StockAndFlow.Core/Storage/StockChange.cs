namespace StockAndFlow.Storage;

/// <summary>
/// A change to a stock's count or to one of its facet values' counts that a flow event alone does not
/// tell, written by capture in the same save as the change: a member entering or leaving a stock along
/// no flow (an undeclared move), a member of a stock whose facet value changed (reassigned), and the
/// facet values of members a flow moved. Live counts add these to the last recount; the stock bridge
/// splits a recount's difference by them.
/// </summary>
public sealed class StockChange
{
    /// <summary>Store-generated identity; recounts remember the last one they saw.</summary>
    public long Id { get; set; }

    /// <summary>The stock's slug.</summary>
    public string Stock { get; set; } = "";

    /// <summary>The facet's slug; empty for the stock's own count.</summary>
    public string Facet { get; set; } = "";

    /// <summary>The facet value as invariant text; empty when <see cref="IsNull"/> or for the stock's own count.</summary>
    public string Value { get; set; } = "";

    /// <summary>True for the bucket of members whose facet value is NULL.</summary>
    public bool IsNull { get; set; }

    /// <summary>Members added (positive) or removed (negative).</summary>
    public int Delta { get; set; }

    /// <summary>Why the count changed.</summary>
    public StockChangeKind Kind { get; set; }

    /// <summary>The flow's slug when <see cref="Kind"/> is <see cref="StockChangeKind.Flow"/>; otherwise null.</summary>
    public string? Flow { get; set; }

    /// <summary>When the save happened (UTC).</summary>
    public DateTime OccurredAt { get; set; }
}
