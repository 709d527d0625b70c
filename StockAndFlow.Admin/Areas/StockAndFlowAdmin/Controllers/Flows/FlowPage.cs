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
    /// <summary>The display names of the events' subjects, by key; a subject without one (deleted, or no name declared) shows its key.</summary>
    public IReadOnlyDictionary<string, string> Names { get; init; } = new Dictionary<string, string>();

    /// <summary>How the flow's rows are named ("customer", "customers").</summary>
    public EntityDeclaration Entity { get; init; } = EntityDeclaration.Default(Flow.EntityType);

    public int PageCount => Math.Max(1, (int)((EventTotal + PageSize - 1) / PageSize));
}
