using StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Shared;
using StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Stocks;
using StockAndFlow.Admin.Reading;
using StockAndFlow.Counting;
using StockAndFlow.Definitions;
using StockAndFlow.Reading;

namespace StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Flows;

/// <summary>
/// Who moved along a flow in a range: the rows with one of its events then that still exist, with when
/// they last moved, the facet values to filter by and the actions on rows of their type.
/// </summary>
public sealed record MoversPage(
    Flow Flow,
    MemberSource Source,
    RangeState Range,
    MemberPage Rows,
    MembersState State,
    IReadOnlyList<FacetCount> Facets,
    IReadOnlyList<ActionInfo> Actions,
    IReadOnlyList<MemberColumnDefinition> Columns,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Cells)
{
    /// <summary>How the flow's rows are named ("lead", "leads").</summary>
    public EntityDeclaration Entity { get; init; } = EntityDeclaration.Default(Flow.EntityType);
}
