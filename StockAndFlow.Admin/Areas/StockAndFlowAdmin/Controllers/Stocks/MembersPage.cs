using StockAndFlow.Reading;
using StockAndFlow.Counting;
using StockAndFlow.Definitions;
using StockAndFlow.Admin.Reading;

namespace StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Stocks;

/// <summary>The rows behind a stock's count, with the facet values to filter by and the actions to apply.</summary>
public sealed record MembersPage(
    Stock Stock,
    MemberPage Rows,
    MembersState State,
    IReadOnlyList<FacetCount> Facets,
    IReadOnlyList<ActionInfo> Actions,
    IReadOnlyList<MemberColumnDefinition> Columns,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Cells)
{
    /// <summary>The property a column sorts by, when the member query can sort by it; null for related or computed values.</summary>
    public string? SortKey(MemberColumnDefinition column) =>
        column?.Property is { } property && Rows.Columns.Any(c => c.Name == property) ? property : null;

    /// <summary>Page sizes offered.</summary>
    public static readonly IReadOnlyList<int> PageSizes = [25, 50, 100, MemberQuery.MaxPageSize];

    /// <summary>The name of the facet being filtered by, if any.</summary>
    public string? FacetName => State.Facet is { } slug ? Facets.FirstOrDefault(f => f.Facet.Slug == slug)?.Facet.Name ?? slug : null;
}
