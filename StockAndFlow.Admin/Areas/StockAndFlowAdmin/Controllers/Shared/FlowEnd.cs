using StockAndFlow.Definitions;

namespace StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Shared;

/// <summary>A flow's source or sink: a stock (slug and name), or External (null slug).</summary>
public sealed record FlowEnd(string? Slug, string Name)
{
    public static FlowEnd External { get; } = new(null, "External");

    public static FlowEnd Of(Stock stock)
    {
        ArgumentNullException.ThrowIfNull(stock);
        return stock.IsExternal ? External : new FlowEnd(stock.Slug, stock.Name);
    }
}

/// <summary>A flow's sources and sinks, as the "from → to" cell shows them.</summary>
public sealed record FlowEnds(IReadOnlyList<FlowEnd> Sources, IReadOnlyList<FlowEnd> Sinks)
{
    /// <summary>
    /// Each move the flow can record, one source and one sink: a row never moves from a stock to the same
    /// stock, so "Hot, Warm → Warm, Cold" is Hot → Warm, Hot → Cold and Warm → Cold.
    /// </summary>
    public IReadOnlyList<(FlowEnd From, FlowEnd To)> Routes =>
        [.. Sources.SelectMany(from => Sinks.Where(to => from.Slug is null || from.Slug != to.Slug).Select(to => (from, to)))];
}
