namespace StockAndFlow.Counting;

// The keys of the one GROUP BY over every facet of an entity type (StockCounter.CombinedQuery): EF Core
// translates a GROUP BY on a nominal type built by member initialisation, one column per property.
// Only the properties a query sets are grouped on; the rest stay default.

/// <summary>A group of one facet value.</summary>
internal sealed class FacetGroupKey<T0>
{
    /// <summary>The first facet's value.</summary>
    public T0 K0 { get; init; } = default!;
}

/// <summary>A group of two facet values.</summary>
internal sealed class FacetGroupKey<T0, T1>
{
    /// <summary>The first facet's value.</summary>
    public T0 K0 { get; init; } = default!;

    /// <summary>The second facet's value.</summary>
    public T1 K1 { get; init; } = default!;
}

/// <summary>A group of three facet values.</summary>
internal sealed class FacetGroupKey<T0, T1, T2>
{
    /// <summary>The first facet's value.</summary>
    public T0 K0 { get; init; } = default!;

    /// <summary>The second facet's value.</summary>
    public T1 K1 { get; init; } = default!;

    /// <summary>The third facet's value.</summary>
    public T2 K2 { get; init; } = default!;
}

/// <summary>A group of four facet values.</summary>
internal sealed class FacetGroupKey<T0, T1, T2, T3>
{
    /// <summary>The first facet's value.</summary>
    public T0 K0 { get; init; } = default!;

    /// <summary>The second facet's value.</summary>
    public T1 K1 { get; init; } = default!;

    /// <summary>The third facet's value.</summary>
    public T2 K2 { get; init; } = default!;

    /// <summary>The fourth facet's value.</summary>
    public T3 K3 { get; init; } = default!;
}
