using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using StockAndFlow.Capture;
using StockAndFlow.Counting;
using StockAndFlow.Definitions;
using StockAndFlow.Storage;

namespace StockAndFlow.Reading;

/// <summary>
/// Live counts without scanning members: a stock's last <see cref="Recount"/> plus the flow events
/// (in − out) and stock changes written since, so the cost grows with the writes since the recount, not
/// with the table. Stocks recounted together share their marks and are read together: one query for
/// their recounts, one for the events since (a range of the event table's key), one for the stock
/// changes since and one for the recounts' facet values. A stock no flow connects (capture does not
/// follow it), a stock not recounted yet, and a facet read through a navigation are counted in full;
/// readers that ask for the same navigation facet of the same database while its count runs wait for
/// that count instead of each scanning the table again.
/// </summary>
public sealed class LiveCounts(StockAndFlowModel model, StockCounter counter)
{
    // The full counts of navigation facets now running, by database, stock and facet.
    private readonly ConcurrentDictionary<(Type Context, string? Connection, string Stock, string Facet), Task<FacetCount>> _running = new();
    private int _joined;

    /// <summary>How many reads have shared a navigation facet's count that another read had started (for tests).</summary>
    internal int Joined => Volatile.Read(ref _joined);

    /// <summary>The live counts of <paramref name="stocks"/>, in their order.</summary>
    public async Task<IReadOnlyList<StockCount>> CountAsync(DbContext db, IReadOnlyList<Stock> stocks, CancellationToken cancellationToken = default)
    {
        var results = new StockCount?[stocks.Count];
        var recounts = await LastRecountsAsync(db, stocks, cancellationToken);
        foreach (var batch in Batches(stocks, recounts))
        {
            var since = await SinceAsync(db, batch, facets: true, cancellationToken);
            var ids = batch.Select(b => b.Recount.Id).ToList();
            var closing = await db.Set<BridgeLine>().AsNoTracking()
                .Where(l => ids.Contains(l.RecountId) && l.Term == BridgeTerm.Closing && l.Facet != "")
                .Select(l => new FacetAmount(l.Stock, l.Facet, l.Value, l.IsNull, l.Amount))
                .ToListAsync(cancellationToken);
            foreach (var (index, stock, recount) in batch)
            {
                results[index] = await FromRecountAsync(db, stock, recount, since, closing, cancellationToken);
            }
        }

        var counted = Enumerable.Range(0, stocks.Count).Where(i => results[i] is null).ToList();
        if (counted.Count > 0)
        {
            var full = await counter.CountAsync(db, [.. counted.Select(i => stocks[i])], cancellationToken);
            for (var j = 0; j < counted.Count; j++)
            {
                results[counted[j]] = full[j];
            }
        }

        return [.. results.Select(r => r!)];
    }

    /// <summary>The live totals of <paramref name="stocks"/> without their facets, in their order.</summary>
    public async Task<long[]> TotalsAsync(DbContext db, IReadOnlyList<Stock> stocks, CancellationToken cancellationToken = default)
    {
        var totals = new long[stocks.Count];
        var recounts = await LastRecountsAsync(db, stocks, cancellationToken);
        foreach (var batch in Batches(stocks, recounts))
        {
            var since = await SinceAsync(db, batch, facets: false, cancellationToken);
            foreach (var (index, stock, recount) in batch)
            {
                totals[index] = since.Total(stock.Slug, recount);
            }
        }

        foreach (var group in Enumerable.Range(0, stocks.Count).Where(i => !recounts.ContainsKey(stocks[i].Slug)).GroupBy(i => stocks[i].EntityType))
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

    // The last recount of each followed stock, in one query.
    private async Task<Dictionary<string, Recount>> LastRecountsAsync(DbContext db, IReadOnlyList<Stock> stocks, CancellationToken cancellationToken)
    {
        var slugs = stocks.Where(s => TrackedFacets.IsTracked(model, s)).Select(s => s.Slug).Distinct().ToList();
        if (slugs.Count == 0)
        {
            return [];
        }

        var last = db.Set<Recount>().Where(r => slugs.Contains(r.Stock)).GroupBy(r => r.Stock).Select(g => g.Max(r => r.Id));
        return await db.Set<Recount>().AsNoTracking().Where(r => last.Contains(r.Id)).ToDictionaryAsync(r => r.Stock, cancellationToken);
    }

    // Stocks recounted together share their marks, so one read of what came after serves them all.
    private static IEnumerable<List<(int Index, Stock Stock, Recount Recount)>> Batches(IReadOnlyList<Stock> stocks, Dictionary<string, Recount> recounts) =>
        Enumerable.Range(0, stocks.Count)
            .Where(i => recounts.ContainsKey(stocks[i].Slug))
            .Select(i => (Index: i, Stock: stocks[i], Recount: recounts[stocks[i].Slug]))
            .GroupBy(x => (x.Recount.EventMark, x.Recount.ChangeMark))
            .Select(g => g.ToList());

    private static async Task<Since> SinceAsync(DbContext db, List<(int Index, Stock Stock, Recount Recount)> batch, bool facets, CancellationToken cancellationToken)
    {
        var slugs = batch.Select(b => b.Stock.Slug).Distinct().ToList();
        var eventMark = batch[0].Recount.EventMark;
        var changeMark = batch[0].Recount.ChangeMark;
        var moves = await db.Set<FlowEvent>()
            .Where(e => e.Id > eventMark && (slugs.Contains(e.Sink!) || slugs.Contains(e.Source!)))
            .GroupBy(e => new { e.Source, e.Sink })
            .Select(g => new { g.Key.Source, g.Key.Sink, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        var changes = await db.Set<StockChange>()
            .Where(c => c.Id > changeMark && slugs.Contains(c.Stock) && (facets || c.Facet == ""))
            .GroupBy(c => new { c.Stock, c.Facet, c.Value, c.IsNull })
            .Select(g => new FacetAmount(g.Key.Stock, g.Key.Facet, g.Key.Value, g.Key.IsNull, g.Sum(c => (long)c.Delta)))
            .ToListAsync(cancellationToken);
        var inflows = moves.Where(m => m.Sink is not null).GroupBy(m => m.Sink!).ToDictionary(g => g.Key, g => g.Sum(m => m.Count));
        var outflows = moves.Where(m => m.Source is not null).GroupBy(m => m.Source!).ToDictionary(g => g.Key, g => g.Sum(m => m.Count));
        return new Since(inflows, outflows, changes);
    }

    private async Task<StockCount> FromRecountAsync(DbContext db, Stock stock, Recount recount, Since since, List<FacetAmount> closing, CancellationToken cancellationToken)
    {
        var total = since.Total(stock.Slug, recount);
        var facets = new List<FacetCount>();
        foreach (var facet in stock.Facets)
        {
            if (TrackedFacets.Property(facet) is null)
            {
                facets.Add(await CountUntrackedAsync(db, stock, facet, cancellationToken));
                continue;
            }

            // A value listed at the recount keeps its zero; any other value at zero is no group.
            var values = closing.Where(l => l.Stock == stock.Slug && l.Facet == facet.Slug).ToDictionary(l => l.Key, l => (Count: l.Amount, Listed: l.Amount == 0));
            foreach (var change in since.Changes.Where(c => c.Stock == stock.Slug && c.Facet == facet.Slug))
            {
                var (count, listed) = values.GetValueOrDefault(change.Key);
                values[change.Key] = (count + change.Amount, listed);
            }

            facets.Add(new FacetCount(facet, [.. values
                .Where(v => v.Value.Count != 0 || v.Value.Listed)
                .Select(v => new FacetValueCount(v.Key.Null ? null : v.Key.Value, v.Value.Count))
                .OrderByDescending(v => v.Count)
                .ThenBy(v => v.Value, StringComparer.Ordinal)]));
        }

        return new StockCount(stock, total, facets);
    }

    // A facet capture cannot follow, counted in full: the first read counts it on its own context (and
    // waits for the count whatever its cancellation, since the query uses that context); reads arriving
    // while it runs share its result, which is at most that query's duration old.
    private async Task<FacetCount> CountUntrackedAsync(DbContext db, Stock stock, Facet facet, CancellationToken cancellationToken)
    {
        var key = (db.GetType(), db.Database.GetConnectionString(), stock.Slug, facet.Slug);
        if (_running.TryGetValue(key, out var running))
        {
            Interlocked.Increment(ref _joined);
            return await running.WaitAsync(cancellationToken);
        }

        var mine = new TaskCompletionSource<FacetCount>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_running.TryAdd(key, mine.Task))
        {
            return await CountUntrackedAsync(db, stock, facet, cancellationToken);
        }

        try
        {
            var counted = await counter.CountFacetAsync(db, stock, facet, CancellationToken.None);
            mine.SetResult(counted);
            return counted;
        }
        catch (Exception ex)
        {
            mine.SetException(ex);
            _ = mine.Task.Exception; // observed here, whether or not another read shared it
            throw;
        }
        finally
        {
            _running.TryRemove(new KeyValuePair<(Type, string?, string, string), Task<FacetCount>>(key, mine.Task));
        }
    }

    private sealed record FacetAmount(string Stock, string Facet, string Value, bool IsNull, long Amount)
    {
        public (string Value, bool Null) Key => (IsNull ? "" : Value, IsNull);
    }

    private sealed record Since(Dictionary<string, long> Inflows, Dictionary<string, long> Outflows, List<FacetAmount> Changes)
    {
        // The recount, plus flow events in − out, plus the stock's own changes (moves no flow declares).
        public long Total(string slug, Recount recount) =>
            recount.Total + Inflows.GetValueOrDefault(slug) - Outflows.GetValueOrDefault(slug)
            + Changes.Where(c => c.Stock == slug && c.Facet.Length == 0).Sum(c => c.Amount);
    }
}
