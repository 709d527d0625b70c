using StockAndFlow.Reading;
using StockAndFlow.Definitions;

namespace StockAndFlow.Admin.Reading;

/// <summary>A stock with its live count, change against the previous day, sparkline and the unexplained change of its last bridge.</summary>
public sealed record StockSummary(string Slug, string Name, string? Description, string Entity, long Count, long? Previous, long? Change, string? Process, IReadOnlyList<long?> Sparkline, long Unexplained = 0);

/// <summary>A flow with its ends (null: external) and its events since the start of the day.</summary>
public sealed record FlowSummary(string Slug, string Name, string? Description, string Entity, IReadOnlyList<string?> Sources, IReadOnlyList<string?> Sinks, long LastPeriod, string? Process);

/// <summary>A facet value's live count and share of the stock.</summary>
public sealed record FacetShare(string? Value, long Count, double Share);

/// <summary>A facet's values with their counts and shares.</summary>
public sealed record FacetBreakdown(string Slug, string Name, IReadOnlyList<FacetShare> Values);

/// <summary>A flow into or out of a stock with its events in the last 30 days.</summary>
/// <summary>A flow's moves into or out of a stock over the last 30 days (<see cref="Events"/>) and the 30 days before (<see cref="PreviousEvents"/>).</summary>
public sealed record FlowRate(string Slug, string Name, string Direction, long Events, long PreviousEvents = 0);

/// <summary>A stock's live count, facets, flows in and out, and actions.</summary>
public sealed record StockDetail(StockSummary Summary, IReadOnlyList<FacetBreakdown> Facets, IReadOnlyList<FlowRate> Inflows, IReadOnlyList<FlowRate> Outflows, IReadOnlyList<ActionInfo> Actions);

/// <summary>A bulk action offered on a stock.</summary>
public sealed record ActionInfo(string Slug, string Name, string? Description, bool SetBased)
{
    /// <summary>The actions defined on <paramref name="stock"/>.</summary>
    public static IReadOnlyList<ActionInfo> On(StockAndFlowModel model, Stock stock)
    {
        ArgumentNullException.ThrowIfNull(model);
        return [.. model.ActionsOn(stock).Select(Of)];
    }

    /// <summary>The actions on the rows of <paramref name="source"/>: a stock's, or for movers every action on a stock of their type.</summary>
    public static IReadOnlyList<ActionInfo> On(StockAndFlowModel model, MemberSource source)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(source);
        return source.Stock is { } stock ? On(model, stock) : [.. model.Actions.Where(a => a.EntityType == source.EntityType && a.Stocks.Count > 0).Select(Of)];
    }

    private static ActionInfo Of(StockAction action) => new(action.Slug, action.Name, action.Description, action.IsSetBased);
}
