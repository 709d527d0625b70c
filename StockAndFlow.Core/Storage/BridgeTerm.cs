namespace StockAndFlow.Storage;

/// <summary>A line of a stock bridge: opening + inflows − outflows + undeclared + reassigned + unexplained = closing.</summary>
public enum BridgeTerm
{
    /// <summary>The previous recount's count.</summary>
    Opening = 0,

    /// <summary>Members a flow brought in (one line per flow).</summary>
    Inflow = 1,

    /// <summary>Members a flow took out, as a positive amount subtracted (one line per flow).</summary>
    Outflow = 2,

    /// <summary>Net members that entered or left along no declared flow.</summary>
    Undeclared = 3,

    /// <summary>Net members that stayed in the stock but took this facet value (facet lines only).</summary>
    Reassigned = 4,

    /// <summary>The recount less everything above: writes capture did not see.</summary>
    Unexplained = 5,

    /// <summary>This recount's count.</summary>
    Closing = 6,
}
