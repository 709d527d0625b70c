using System.Data;
using Microsoft.EntityFrameworkCore;
using StockAndFlow.Capture;
using StockAndFlow.Definitions;
using StockAndFlow.Storage;

namespace StockAndFlow.Counting;

/// <summary>
/// The periodic truth: counts stocks in full, writes their stock records, and stores for each a
/// <see cref="Recount"/> with the last flow event and stock change the count includes (live counts add
/// what came after) and its bridge from the previous recount: opening + each inflow − each outflow +
/// undeclared moves (+ reassigned facet values) + unexplained = closing. Unexplained is what no captured
/// write explains.
/// </summary>
/// <remarks>
/// The marks and the count are read in one repeatable-read transaction (a snapshot on PostgreSQL), so
/// a save committed while the count runs is either in both or in neither. A save committing after the
/// snapshot with an id below the mark (ids are handed out before commit) is missed by live counts until
/// the next recount, which finds it; the bridge of that recount shows it as unexplained.
/// </remarks>
public sealed class StockRecounter(StockAndFlowModel model, StockCounter counter, StockSnapshotter snapshotter)
{
    /// <summary>Recounts <paramref name="stocks"/> at <paramref name="at"/>; returns their recounts.</summary>
    public async Task<IReadOnlyList<Recount>> RecountAsync(DbContext db, IReadOnlyList<Stock> stocks, DateTime at, CancellationToken cancellationToken = default)
    {
        at = PeriodCalendar.AsUtc(at);
        var transaction = db.Database.CurrentTransaction is null
            ? await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken)
            : null;
        try
        {
            var eventMark = await db.Set<FlowEvent>().MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0;
            var changeMark = await db.Set<StockChange>().MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0;
            var counts = await counter.CountAsync(db, stocks, cancellationToken);
            await snapshotter.WriteAsync(db, counts, at, cancellationToken);

            var recounts = new List<(Recount Recount, List<BridgeLine> Lines)>();
            foreach (var count in counts)
            {
                var slug = count.Stock.Slug;
                var previous = await db.Set<Recount>().AsNoTracking().Where(r => r.Stock == slug).OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);
                var recount = new Recount { Stock = slug, CountedAt = at, OpenedAt = previous?.CountedAt, EventMark = eventMark, ChangeMark = changeMark, Total = count.Total };
                var lines = await BridgeAsync(db, count, previous, recount, cancellationToken);
                recount.Unexplained = lines.Where(l => l.Facet.Length == 0 && l.Term == BridgeTerm.Unexplained).Sum(l => l.Amount);
                recounts.Add((recount, lines));
            }

            db.AddRange(recounts.Select(r => r.Recount));
            await db.SaveChangesAsync(cancellationToken);
            foreach (var (recount, lines) in recounts)
            {
                db.Entry(recount).State = EntityState.Detached;
                lines.ForEach(l => l.RecountId = recount.Id);
            }

            await BulkInsert.InsertAsync(db, [.. recounts.SelectMany(r => r.Lines)], async: true, cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }

            return [.. recounts.Select(r => r.Recount)];
        }
        finally
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }
        }
    }

    private async Task<List<BridgeLine>> BridgeAsync(DbContext db, StockCount count, Recount? previous, Recount recount, CancellationToken cancellationToken)
    {
        var slug = count.Stock.Slug;
        var closing = new List<(string Facet, string? Value, long Amount)> { ("", null, count.Total) };
        closing.AddRange(count.Facets.SelectMany(f => f.Values.Select(v => (f.Facet.Slug, v.Value, v.Count))));

        // Without a previous recount there is nothing to bridge from; without capture nothing explains a change.
        var tracked = TrackedFacets.IsTracked(model, count.Stock);
        var terms = new List<(string Facet, string? Value, BridgeTerm Term, string Flow, long Amount)>();
        if (previous is not null && tracked)
        {
            var opening = await db.Set<BridgeLine>().AsNoTracking()
                .Where(l => l.RecountId == previous.Id && l.Term == BridgeTerm.Closing)
                .Select(l => new { l.Facet, l.Value, l.IsNull, l.Amount })
                .ToListAsync(cancellationToken);
            terms.AddRange(opening.Select(o => (o.Facet, o.IsNull ? null : (string?)o.Value, BridgeTerm.Opening, "", o.Amount)));

            var events = db.Set<FlowEvent>().Where(e => e.Id > previous.EventMark && e.Id <= recount.EventMark);
            var inflows = await events.Where(e => e.Sink == slug).GroupBy(e => e.Flow).Select(g => new { Flow = g.Key, Count = g.LongCount() }).ToListAsync(cancellationToken);
            var outflows = await events.Where(e => e.Source == slug).GroupBy(e => e.Flow).Select(g => new { Flow = g.Key, Count = g.LongCount() }).ToListAsync(cancellationToken);
            terms.AddRange(inflows.Select(i => ("", (string?)null, BridgeTerm.Inflow, i.Flow, i.Count)));
            terms.AddRange(outflows.Select(o => ("", (string?)null, BridgeTerm.Outflow, o.Flow, o.Count)));

            var changes = await db.Set<StockChange>()
                .Where(c => c.Stock == slug && c.Id > previous.ChangeMark && c.Id <= recount.ChangeMark)
                .GroupBy(c => new { c.Facet, c.Value, c.IsNull, c.Kind, c.Flow, In = c.Delta > 0 })
                .Select(g => new { g.Key.Facet, g.Key.Value, g.Key.IsNull, g.Key.Kind, g.Key.Flow, g.Key.In, Sum = g.Sum(c => (long)c.Delta) })
                .ToListAsync(cancellationToken);
            foreach (var c in changes)
            {
                var value = c.IsNull || c.Facet.Length == 0 ? null : c.Value;
                var term = c.Kind switch
                {
                    StockChangeKind.Flow => c.In ? BridgeTerm.Inflow : BridgeTerm.Outflow,
                    StockChangeKind.Undeclared => BridgeTerm.Undeclared,
                    _ => BridgeTerm.Reassigned,
                };
                terms.Add((c.Facet, value, term, c.Flow ?? "", term == BridgeTerm.Outflow ? -c.Sum : c.Sum));
            }

            terms = [.. terms.GroupBy(t => (t.Facet, t.Value, t.Term, t.Flow)).Select(g => (g.Key.Facet, g.Key.Value, g.Key.Term, g.Key.Flow, g.Sum(t => t.Amount)))];

            // Unexplained for the stock and every value of a facet capture keeps (others are counted, not followed).
            var keptFacets = count.Stock.Facets.Where(f => TrackedFacets.Property(f) is not null).Select(f => f.Slug).Append("").ToHashSet();
            terms.RemoveAll(t => !keptFacets.Contains(t.Facet));
            var keys = closing.Select(c => (c.Facet, c.Value)).Concat(terms.Select(t => (t.Facet, t.Value))).Where(k => keptFacets.Contains(k.Facet)).Distinct().ToList();
            foreach (var (facet, value) in keys)
            {
                var explained = terms.Where(t => t.Facet == facet && t.Value == value).Sum(t => t.Term == BridgeTerm.Outflow ? -t.Amount : t.Amount);
                var closed = closing.Where(c => c.Facet == facet && c.Value == value).Sum(c => c.Amount);
                terms.Add((facet, value, BridgeTerm.Unexplained, "", closed - explained));
            }
        }

        return [.. terms.Concat(closing.Select(c => (c.Facet, c.Value, BridgeTerm.Closing, "", c.Amount)))
            .Select(t => new BridgeLine { Stock = slug, Facet = t.Item1, Value = t.Item2 ?? "", IsNull = t.Item2 is null, Term = t.Item3, Flow = t.Item4, Amount = t.Item5 })];
    }
}
