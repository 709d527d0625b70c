using StockAndFlow.Definitions;

namespace StockAndFlow.Definitions;

/// <summary>
/// Turns a row's stock membership before and after a save into flow firings.
/// </summary>
/// <remarks>
/// Each <see cref="StockGroup"/> is matched on its own. A row <em>leaves</em> the stocks it was in and
/// is not in now, and <em>enters</em> the stocks it is in now and was not in. It leaves
/// <see cref="Stock.External"/> of a group when it was in none of the group's stocks (an added row
/// always is) and is in at least one now; it enters External when it is in none of them now (a deleted
/// row always is) and was in at least one. A flow fires when one of its sources was
/// left and one of its sinks entered; it fires at most once per row per save, recording the first
/// matching source and sink in declaration order. Several flows may fire for one change (stocks may
/// overlap); a change that matches no flow records nothing.
/// </remarks>
internal static class FlowMatcher
{
    public static IEnumerable<(Flow Flow, Stock Source, Stock Sink)> Match(
        IReadOnlyList<StockGroup> groups,
        IReadOnlySet<Stock> before,
        IReadOnlySet<Stock> after) =>
        // One group holds every captured stock of the type: the sets need no narrowing.
        groups.Count == 1 ? Match(groups[0].Flows, before, after) : groups.SelectMany(g => Match(g.Flows, g.Stocks.Where(before.Contains).ToHashSet(), g.Stocks.Where(after.Contains).ToHashSet()));

    public static IEnumerable<(Flow Flow, Stock Source, Stock Sink)> Match(
        IReadOnlyList<Flow> flows,
        IReadOnlySet<Stock> before,
        IReadOnlySet<Stock> after)
    {
        var leftExternal = before.Count == 0 && after.Count > 0;
        var enteredExternal = after.Count == 0 && before.Count > 0;
        foreach (var flow in flows)
        {
            var source = flow.Sources.FirstOrDefault(s => s.IsExternal ? leftExternal : before.Contains(s) && !after.Contains(s));
            if (source is null)
            {
                continue;
            }

            var sink = flow.Sinks.FirstOrDefault(s => s.IsExternal ? enteredExternal : after.Contains(s) && !before.Contains(s));
            if (sink is not null)
            {
                yield return (flow, source, sink);
            }
        }
    }
}
