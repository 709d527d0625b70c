namespace StockAndFlow.Storage;

/// <summary>
/// One line of a stock's bridge from its previous recount to <see cref="RecountId"/>, for the stock
/// itself (<see cref="Facet"/> empty) or one facet value. The closing lines are the recount's counts.
/// </summary>
public sealed class BridgeLine
{
    /// <summary>Store-generated identity.</summary>
    public long Id { get; set; }

    /// <summary>The <see cref="Recount"/> this line belongs to.</summary>
    public long RecountId { get; set; }

    /// <summary>The stock's slug.</summary>
    public string Stock { get; set; } = "";

    /// <summary>The facet's slug; empty for the stock itself.</summary>
    public string Facet { get; set; } = "";

    /// <summary>The facet value as invariant text; empty when <see cref="IsNull"/> or for the stock itself.</summary>
    public string Value { get; set; } = "";

    /// <summary>True for the bucket of members whose facet value is NULL.</summary>
    public bool IsNull { get; set; }

    /// <summary>The line's term.</summary>
    public BridgeTerm Term { get; set; }

    /// <summary>The flow's slug for inflow and outflow lines; empty otherwise.</summary>
    public string Flow { get; set; } = "";

    /// <summary>The line's amount: members, signed for undeclared, reassigned and unexplained, positive otherwise.</summary>
    public long Amount { get; set; }
}
