namespace StockAndFlow.Storage;

/// <summary>Why a <see cref="StockChange"/> changed a count.</summary>
public enum StockChangeKind
{
    /// <summary>A declared flow moved the member (facet rows only: the stock's own count is in the flow event).</summary>
    Flow = 0,

    /// <summary>The member entered or left the stock along no declared flow.</summary>
    Undeclared = 1,

    /// <summary>The member stayed in the stock but its facet value changed.</summary>
    Reassigned = 2,
}
