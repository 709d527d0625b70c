using StockAndFlow.Reading;
using StockAndFlow.Counting;
using StockAndFlow.Definitions;
using StockAndFlow.Admin.Reading;

namespace StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Stocks;

/// <summary>The rows behind a stock's count, with the facet values to filter by and the actions to apply (listed by <c>_MemberList</c>).</summary>
public sealed record MembersPage(
    Stock Stock,
    MemberPage Rows,
    MembersState State,
    IReadOnlyList<FacetCount> Facets,
    IReadOnlyList<ActionInfo> Actions,
    IReadOnlyList<MemberColumnDefinition> Columns,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Cells)
;
