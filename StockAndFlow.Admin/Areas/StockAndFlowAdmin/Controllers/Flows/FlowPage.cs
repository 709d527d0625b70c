using StockAndFlow.Storage;
using StockAndFlow.Definitions;
using StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Shared;

namespace StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Flows;

/// <summary>A flow: its rate chart, a page of its recent events, and its facets for the breakdown tables.</summary>
public sealed record FlowPage(
    Flow Flow,
    IReadOnlyList<FlowEnd> Sources,
    IReadOnlyList<FlowEnd> Sinks,
    RangeState Range,
    IReadOnlyList<Facet> Facets,
    IReadOnlyList<FlowEvent> Events,
    long EventTotal,
    int Page,
    int PageSize,
    Process? Process)
{
    public int PageCount => Math.Max(1, (int)((EventTotal + PageSize - 1) / PageSize));
}
