using StockAndFlow.Definitions;

namespace StockAndFlow.Counting;

/// <summary>A stock's live count with its facet breakdowns.</summary>
public sealed record StockCount(Stock Stock, long Total, IReadOnlyList<FacetCount> Facets);

/// <summary>The counts of one facet of a stock; they sum to the stock's total.</summary>
public sealed record FacetCount(Facet Facet, IReadOnlyList<FacetValueCount> Values);

/// <summary>Members with one facet value; <see cref="Value"/> is null for the NULL bucket.</summary>
public sealed record FacetValueCount(string? Value, long Count);
