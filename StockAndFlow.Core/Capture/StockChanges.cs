using StockAndFlow.Definitions;
using StockAndFlow.Storage;

namespace StockAndFlow.Capture;

/// <summary>
/// The <see cref="StockChange"/> rows one entry's save writes beside its flow events: a stock's own
/// count for moves no flow recorded, and its tracked facet values for every move and every facet value
/// that changed while the member stayed.
/// </summary>
internal static class StockChanges
{
    public static void Add(
        List<StockChange> into,
        EntityCapturePlan plan,
        IReadOnlySet<Stock> before,
        IReadOnlySet<Stock> after,
        IReadOnlyList<(Flow Flow, Stock Source, Stock Sink)> matches,
        object? original,
        object? current,
        DateTime now)
    {
        foreach (var stock in plan.Stocks)
        {
            var was = before.Contains(stock);
            var @is = after.Contains(stock);
            if (was == @is)
            {
                if (was)
                {
                    foreach (var (facet, read) in plan.FacetsOf(stock))
                    {
                        var from = read(original!);
                        var to = read(current!);
                        if (from != to)
                        {
                            into.Add(Change(stock, facet, from, -1, StockChangeKind.Reassigned, null, now));
                            into.Add(Change(stock, facet, to, 1, StockChangeKind.Reassigned, null, now));
                        }
                    }
                }

                continue;
            }

            // The flow event counts the stock's own move; a move no flow recorded is counted here.
            var flow = matches.FirstOrDefault(m => was ? m.Source == stock : m.Sink == stock).Flow;
            var delta = was ? -1 : 1;
            var kind = flow is null ? StockChangeKind.Undeclared : StockChangeKind.Flow;
            if (flow is null)
            {
                into.Add(new StockChange { Stock = stock.Slug, Delta = delta, Kind = kind, OccurredAt = now });
            }

            var row = was ? original! : current!;
            foreach (var (facet, read) in plan.FacetsOf(stock))
            {
                into.Add(Change(stock, facet, read(row), delta, kind, flow?.Slug, now));
            }
        }
    }

    /// <summary>
    /// One row per stock, facet value, cause and direction, its deltas summed: a save or chunk that
    /// moves thousands of members writes a handful of rows. Ins and outs stay apart for the bridge.
    /// </summary>
    public static List<StockChange> Merge(IEnumerable<StockChange> changes) => [.. changes
        .GroupBy(c => (c.Stock, c.Facet, c.Value, c.IsNull, c.Kind, c.Flow, In: c.Delta > 0))
        .Select(g =>
        {
            var first = g.First();
            return new StockChange { Stock = first.Stock, Facet = first.Facet, Value = first.Value, IsNull = first.IsNull, Kind = first.Kind, Flow = first.Flow, Delta = g.Sum(c => c.Delta), OccurredAt = first.OccurredAt };
        })];

    public static StockChange Change(Stock stock, Facet facet, string? value, int delta, StockChangeKind kind, string? flow, DateTime now) => new()
    {
        Stock = stock.Slug,
        Facet = facet.Slug,
        Value = value ?? "",
        IsNull = value is null,
        Delta = delta,
        Kind = kind,
        Flow = flow,
        OccurredAt = now,
    };
}
