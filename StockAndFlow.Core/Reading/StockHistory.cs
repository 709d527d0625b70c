using StockAndFlow.Storage;
using Microsoft.EntityFrameworkCore;
using StockAndFlow.Definitions;

namespace StockAndFlow.Reading;

/// <summary>A bucket of a stock's history: its start (UTC) and the count recorded in it, null when none was.</summary>
public readonly record struct LevelPoint(DateTime BucketStart, long? Value);

/// <summary>Reads stock records as series: the stock's total, or one series per facet value.</summary>
public sealed class StockHistory(PeriodCalendar calendar)
{
    /// <summary>The stock's recorded count per bucket of <paramref name="period"/> in the range; gaps stay null.</summary>
    public async Task<IReadOnlyList<LevelPoint>> ReadAsync(DbContext db, Stock stock, DateTime from, DateTime to, Period period, CancellationToken cancellationToken = default)
    {
        var buckets = calendar.Buckets(from, to, period).ToList();
        if (buckets.Count == 0)
        {
            return [];
        }

        var first = buckets[0];
        var last = buckets[^1];
        var stored = await db.Set<StockRecord>().AsNoTracking()
            .Where(r => r.Stock == stock.Slug && r.Period == period && r.BucketStart >= first && r.BucketStart <= last)
            .Select(r => new { r.BucketStart, r.Count })
            .ToDictionaryAsync(r => r.BucketStart, r => r.Count, cancellationToken);
        return [.. buckets.Select(b => new LevelPoint(b, stored.TryGetValue(b, out var v) ? v : null))];
    }

    /// <summary>
    /// <see cref="ReadAsync"/> for many stocks in one query: each stock's recorded count per bucket of
    /// <paramref name="period"/> in the range, gaps null, keyed by slug.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<LevelPoint>>> ReadManyAsync(DbContext db, IReadOnlyList<Stock> stocks, DateTime from, DateTime to, Period period, CancellationToken cancellationToken = default)
    {
        var buckets = calendar.Buckets(from, to, period).ToList();
        var slugs = stocks.Select(s => s.Slug).ToList();
        if (buckets.Count == 0)
        {
            return slugs.Distinct(StringComparer.Ordinal).ToDictionary(slug => slug, _ => (IReadOnlyList<LevelPoint>)[], StringComparer.Ordinal);
        }

        var first = buckets[0];
        var last = buckets[^1];
        var rows = await db.Set<StockRecord>().AsNoTracking()
            .Where(r => slugs.Contains(r.Stock) && r.Period == period && r.BucketStart >= first && r.BucketStart <= last)
            .Select(r => new { r.Stock, r.BucketStart, r.Count })
            .ToListAsync(cancellationToken);
        var byStock = rows.ToLookup(r => r.Stock, StringComparer.Ordinal);
        return slugs.Distinct(StringComparer.Ordinal).ToDictionary(
            slug => slug,
            slug =>
            {
                var stored = byStock[slug].ToDictionary(r => r.BucketStart, r => r.Count);
                return (IReadOnlyList<LevelPoint>)[.. buckets.Select(b => new LevelPoint(b, stored.TryGetValue(b, out var v) ? v : null))];
            },
            StringComparer.Ordinal);
    }

    /// <summary>One series per facet value (null key for the NULL bucket), largest last value first.</summary>
    public async Task<IReadOnlyList<(string? Value, IReadOnlyList<LevelPoint> Points)>> ReadFacetAsync(DbContext db, Stock stock, Facet facet, DateTime from, DateTime to, Period period, CancellationToken cancellationToken = default)
    {
        var buckets = calendar.Buckets(from, to, period).ToList();
        if (buckets.Count == 0)
        {
            return [];
        }

        var first = buckets[0];
        var last = buckets[^1];
        var rows = await db.Set<StockFacetRecord>().AsNoTracking()
            .Where(r => r.Stock == stock.Slug && r.Facet == facet.Slug && r.Period == period && r.BucketStart >= first && r.BucketStart <= last)
            .Select(r => new { r.IsNull, r.Value, r.BucketStart, r.Count })
            .ToListAsync(cancellationToken);
        return [.. rows
            .GroupBy(r => r.IsNull ? null : r.Value)
            .Select(g =>
            {
                var byBucket = g.ToDictionary(r => r.BucketStart, r => r.Count);
                return (g.Key, (IReadOnlyList<LevelPoint>)[.. buckets.Select(b => new LevelPoint(b, byBucket.TryGetValue(b, out var v) ? v : null))]);
            })
            .OrderByDescending(s => s.Item2.LastOrDefault(p => p.Value is not null).Value ?? 0)];
    }

    /// <summary>The count recorded in the bucket before the one containing <paramref name="now"/>, if any.</summary>
    public async Task<long?> PreviousAsync(DbContext db, Stock stock, DateTime now, Period period, CancellationToken cancellationToken = default)
    {
        var current = calendar.BucketStart(now, period);
        return await db.Set<StockRecord>().AsNoTracking()
            .Where(r => r.Stock == stock.Slug && r.Period == period && r.BucketStart < current)
            .OrderByDescending(r => r.BucketStart)
            .Select(r => (long?)r.Count)
            .FirstOrDefaultAsync(cancellationToken);
    }
}
