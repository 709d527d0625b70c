namespace StockAndFlow.Storage;

/// <summary>
/// One full recount of a stock: the marks of the last flow event and stock change it saw (live counts
/// add what came after), and the totals of its bridge from the previous recount, whose lines are
/// <see cref="BridgeLine"/> rows.
/// </summary>
public sealed class Recount
{
    /// <summary>Store-generated identity.</summary>
    public long Id { get; set; }

    /// <summary>The stock's slug.</summary>
    public string Stock { get; set; } = "";

    /// <summary>When the count was taken (UTC).</summary>
    public DateTime CountedAt { get; set; }

    /// <summary>When the previous recount, the bridge's opening, was taken; null for a stock's first recount.</summary>
    public DateTime? OpenedAt { get; set; }

    /// <summary>The id of the last flow event the count includes.</summary>
    public long EventMark { get; set; }

    /// <summary>The id of the last stock change the count includes.</summary>
    public long ChangeMark { get; set; }

    /// <summary>Members counted.</summary>
    public long Total { get; set; }

    /// <summary>
    /// The stock's change since the previous recount that no captured write explains: writes that
    /// bypassed capture (an <c>ExecuteUpdate</c>, raw SQL, another application). Zero on a first recount.
    /// </summary>
    public long Unexplained { get; set; }
}
