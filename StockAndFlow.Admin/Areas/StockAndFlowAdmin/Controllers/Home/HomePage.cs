using StockAndFlow.Definitions;
using StockAndFlow.Admin.Reading;
using StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Shared;

namespace StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Home;

/// <summary>The index: every stock and every flow, grouped by process, ungrouped ones last.</summary>
public sealed record HomePage(IReadOnlyList<ProcessGroup> Groups, int StockCount, int FlowCount)
{
    public bool IsEmpty => StockCount == 0 && FlowCount == 0;

    public static HomePage Build(StockAndFlowModel model, IReadOnlyList<StockSummary> stocks, IReadOnlyList<FlowSummary> flows)
    {
        ArgumentNullException.ThrowIfNull(model);
        var stockBySlug = stocks.ToDictionary(s => s.Slug, StringComparer.Ordinal);
        var flowBySlug = flows.ToDictionary(f => f.Slug, StringComparer.Ordinal);
        var groups = new List<ProcessGroup>();
        foreach (var process in model.Processes)
        {
            groups.Add(new ProcessGroup(
                process.Slug,
                process.Name,
                process.Description,
                [.. process.Stocks.Where(s => stockBySlug.ContainsKey(s.Slug)).Select(s => stockBySlug[s.Slug])],
                [.. process.Flows.Where(f => flowBySlug.ContainsKey(f.Slug)).Select(f => Row(model, flowBySlug[f.Slug]))]));
        }

        var grouped = model.Processes.SelectMany(p => p.Stocks).Select(s => s.Slug).ToHashSet(StringComparer.Ordinal);
        var groupedFlows = model.Processes.SelectMany(p => p.Flows).Select(f => f.Slug).ToHashSet(StringComparer.Ordinal);
        var loneStocks = stocks.Where(s => !grouped.Contains(s.Slug)).ToList();
        var loneFlows = flows.Where(f => !groupedFlows.Contains(f.Slug)).Select(f => Row(model, f)).ToList();
        if (loneStocks.Count > 0 || loneFlows.Count > 0)
        {
            groups.Add(new ProcessGroup(null, model.Processes.Count == 0 ? "All" : "Not in a process", null, loneStocks, loneFlows));
        }

        return new HomePage(groups, stocks.Count, flows.Count);
    }

    public static FlowRow Row(StockAndFlowModel model, FlowSummary flow)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(flow);
        return new FlowRow(flow, [.. flow.Sources.Select(s => End(model, s))], [.. flow.Sinks.Select(s => End(model, s))]);
    }

    private static FlowEnd End(StockAndFlowModel model, string? slug) =>
        slug is null ? FlowEnd.External : model.FindStock(slug) is { } stock ? FlowEnd.Of(stock) : new FlowEnd(slug, slug);
}

/// <summary>One process's stocks and flows (<see cref="Slug"/> is null for the ungrouped ones).</summary>
public sealed record ProcessGroup(string? Slug, string Name, string? Description, IReadOnlyList<StockSummary> Stocks, IReadOnlyList<FlowRow> Flows);

/// <summary>A flow with the names of its ends.</summary>
public sealed record FlowRow(FlowSummary Summary, IReadOnlyList<FlowEnd> Sources, IReadOnlyList<FlowEnd> Sinks);
