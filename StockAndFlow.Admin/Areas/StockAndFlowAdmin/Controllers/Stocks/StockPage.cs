using StockAndFlow.Definitions;
using StockAndFlow.Admin.Reading;
using StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Shared;

namespace StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Stocks;

/// <summary>A stock: its chart, facet breakdowns (top values and "other"), inflows, outflows and actions.</summary>
public sealed record StockPage(
    StockDetail Detail,
    RangeState Range,
    IReadOnlyList<FacetTable> Facets,
    IReadOnlyList<FlowLink> Inflows,
    IReadOnlyList<FlowLink> Outflows,
    string? ProcessName)
{
    /// <summary>How many facet values a table lists before the rest are summed as "other".</summary>
    public const int TopValues = 10;

    public StockSummary Summary => Detail.Summary;

    public static StockPage Build(StockAndFlowModel model, StockDetail detail, RangeState range)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(detail);
        var total = detail.Summary.Count;
        var facets = detail.Facets.Select(f =>
        {
            var ordered = f.Values.OrderByDescending(v => v.Count).ThenBy(v => v.Value, StringComparer.Ordinal).ToList();
            var rest = ordered.Skip(TopValues).ToList();
            var other = rest.Count == 0 ? null : new OtherValues(rest.Count, rest.Sum(v => v.Count), total == 0 ? 0 : (double)rest.Sum(v => v.Count) / total);
            return new FacetTable(f.Slug, f.Name, [.. ordered.Take(TopValues)], other);
        }).ToList();
        var process = detail.Summary.Process is { } p ? model.FindProcess(p)?.Name : null;
        return new StockPage(detail, range, facets, Links(model, detail.Inflows), Links(model, detail.Outflows), process);
    }

    private static List<FlowLink> Links(StockAndFlowModel model, IReadOnlyList<FlowRate> rates) =>
        [.. rates.Select(r =>
        {
            var flow = model.FindFlow(r.Slug);
            return new FlowLink(
                r,
                flow is null ? [] : [.. flow.Sources.Select(FlowEnd.Of)],
                flow is null ? [] : [.. flow.Sinks.Select(FlowEnd.Of)]);
        })];
}

/// <summary>A facet's largest values, and the rest summed.</summary>
public sealed record FacetTable(string Slug, string Name, IReadOnlyList<FacetShare> Top, OtherValues? Other);

/// <summary>The values past the top ones: how many values, members and what share.</summary>
public sealed record OtherValues(int Values, long Count, double Share);

/// <summary>An inflow or outflow with its ends and its events in the last 30 days.</summary>
public sealed record FlowLink(FlowRate Rate, IReadOnlyList<FlowEnd> Sources, IReadOnlyList<FlowEnd> Sinks);
