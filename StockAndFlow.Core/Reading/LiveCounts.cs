using Microsoft.EntityFrameworkCore;
using StockAndFlow.Capture;
using StockAndFlow.Counting;
using StockAndFlow.Definitions;
using StockAndFlow.Storage;

namespace StockAndFlow.Reading;

/// <summary>
/// Live counts without scanning members: a stock's last <see cref="Recount"/> plus the flow events
/// (in − out) and stock changes written since, read through indexes on (sink, id), (source, id) and
/// (stock, id), so the cost grows with the writes since the recount, not with the table. A stock no
/// flow connects (capture does not follow it), a stock not recounted yet, and a facet read through a
/// navigation are counted in full instead.
/// </summary>
public sealed class LiveCounts(StockAndFlowModel model, StockCounter counter)
{
    /// <summary>The live counts of <paramref name="stocks"/>, in their order.</summary>
    public async Task<IReadOnlyList<StockCount>> CountAsync(DbContext db, IReadOnlyList<Stock> stocks, CancellationToken cancellationToken = default)
    {
        var results = new StockCount?[stocks.Count];
        var counted = new List<int>();
        for (var i = 0; i < stocks.Count; i++)
        {
            if (await LastRecountAsync(db, stocks[i], cancellationToken) is not { } recount)
            {
                counted.Add(i);
                continue;
            }

            results[i] = await FromRecountAsync(db, stocks[i], recount, cancellationToken);
        }

        if (counted.Count > 0)
        {
            var full = await counter.CountAsync(db, [.. counted.Select(i => stocks[i])], cancellationToken);
            foreach (var count in full)
            {
                results[stocks.ToList().IndexOf(count.Stock)] = count;
            }
        }

        return [.. results.Select(r => r!)];
    }

    /// <summary>The live totals of <paramref name="stocks"/> without their facets, in their order.</summary>
    public async Task<long[]> TotalsAsync(DbContext db, IReadOnlyList<Stock> stocks, CancellationToken cancellationToken = default)
    {
        var totals = new long[stocks.Count];
        var counted = new List<int>();
        for (var i = 0; i < stocks.Count; i++)
        {
            if (await LastRecountAsync(db, stocks[i], cancellationToken) is { } recount)
            {
                totals[i] = await TotalAsync(db, stocks[i].Slug, recount, cancellationToken);
            }
            else
            {
                counted.Add(i);
            }
        }

        foreach (var group in counted.GroupBy(i => stocks[i].EntityType))
        {
            var indexes = group.ToList();
            var full = await counter.CountTotalsAsync(db, [.. indexes.Select(i => stocks[i])], cancellationToken);
            for (var j = 0; j < indexes.Count; j++)
            {
                totals[indexes[j]] = full[j];
            }
        }

        return totals;
    }

    private async Task<Recount?> LastRecountAsync(DbContext db, Stock stock, CancellationToken cancellationToken)
    {
        var slug = stock.Slug;
        return TrackedFacets.IsTracked(model, stock)
            ? await db.Set<Recount>().AsNoTracking().Where(r => r.Stock == slug).OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken)
            : null;
    }

    // The recount plus flow events in − out; plus the stock's own changes unless the caller sums them.
    private static async Task<long> TotalAsync(DbContext db, string slug, Recount recount, CancellationToken cancellationToken, bool withChanges = true)
    {
        var inflow = await db.Set<FlowEvent>().LongCountAsync(e => e.Sink == slug && e.Id > recount.EventMark, cancellationToken);
        var outflow = await db.Set<FlowEvent>().LongCountAsync(e => e.Source == slug && e.Id > recount.EventMark, cancellationToken);
        var undeclared = withChanges
            ? await db.Set<StockChange>().Where(c => c.Stock == slug && c.Facet == "" && c.Id > recount.ChangeMark).SumAsync(c => (long)c.Delta, cancellationToken)
            : 0;
        return recount.Total + inflow - outflow + undeclared;
    }

    private async Task<StockCount> FromRecountAsync(DbContext db, Stock stock, Recount recount, CancellationToken cancellationToken)
    {
        var slug = stock.Slug;

        // One pass over the stock's changes since the recount: its own count's and every facet value's.
        var changes = await db.Set<StockChange>()
            .Where(c => c.Stock == slug && c.Id > recount.ChangeMark)
            .GroupBy(c => new { c.Facet, c.Value, c.IsNull })
            .Select(g => new { g.Key.Facet, g.Key.Value, g.Key.IsNull, Sum = g.Sum(c => (long)c.Delta) })
            .ToListAsync(cancellationToken);
        var total = await TotalAsync(db, slug, recount, cancellationToken, withChanges: false) + changes.Where(c => c.Facet.Length == 0).Sum(c => c.Sum);
        if (stock.Facets.Count == 0)
        {
            return new StockCount(stock, total, []);
        }

        var closing = await db.Set<BridgeLine>().AsNoTracking()
            .Where(l => l.RecountId == recount.Id && l.Term == BridgeTerm.Closing && l.Facet != "")
            .Select(l => new { l.Facet, l.Value, l.IsNull, l.Amount })
            .ToListAsync(cancellationToken);
        var facets = new List<FacetCount>();
        foreach (var facet in stock.Facets)
        {
            if (TrackedFacets.Property(facet) is null)
            {
                facets.Add(await counter.CountFacetAsync(db, stock, facet, cancellationToken));
                continue;
            }

            // A value listed at the recount keeps its zero; any other value at zero is no group.
            var values = closing.Where(l => l.Facet == facet.Slug).ToDictionary(l => Key(l.Value, l.IsNull), l => (Count: l.Amount, Listed: l.Amount == 0));
            foreach (var change in changes.Where(c => c.Facet == facet.Slug))
            {
                var key = Key(change.Value, change.IsNull);
                var (count, listed) = values.GetValueOrDefault(key);
                values[key] = (count + change.Sum, listed);
            }

            facets.Add(new FacetCount(facet, [.. values
                .Where(v => v.Value.Count != 0 || v.Value.Listed)
                .Select(v => new FacetValueCount(v.Key.Null ? null : v.Key.Value, v.Value.Count))
                .OrderByDescending(v => v.Count)
                .ThenBy(v => v.Value, StringComparer.Ordinal)]));
        }

        return new StockCount(stock, total, facets);
    }

    private static (string Value, bool Null) Key(string value, bool isNull) => (isNull ? "" : value, isNull);
}
