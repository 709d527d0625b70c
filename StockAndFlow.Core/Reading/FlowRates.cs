using StockAndFlow.Storage;
using Microsoft.EntityFrameworkCore;
using StockAndFlow.Definitions;

namespace StockAndFlow.Reading;

/// <summary>A facet value's total over a range; <see cref="Value"/> is null for the NULL bucket.</summary>
public readonly record struct FacetValueTotal(string? Value, long Count);

/// <summary>One bucket of a series: its start (UTC) and its value.</summary>
public readonly record struct SeriesPoint(DateTime BucketStart, long Value);

/// <summary>
/// Reads a flow's rate series for any range and period from its records, filling empty buckets with
/// zero, and counts the still-open bucket (the one containing now) live from the events.
/// </summary>
public sealed class FlowRates(PeriodCalendar calendar, TimeProvider time)
{
    /// <summary>Events per bucket of <paramref name="period"/> from the bucket containing <paramref name="from"/> up to <paramref name="to"/>.</summary>
    public async Task<IReadOnlyList<SeriesPoint>> ReadAsync(DbContext db, Flow flow, DateTime from, DateTime to, Period period, CancellationToken cancellationToken = default)
    {
        var buckets = calendar.Buckets(from, to, period).ToList();
        if (buckets.Count == 0)
        {
            return [];
        }

        var first = buckets[0];
        var last = buckets[^1];
        var stored = await db.Set<FlowRecord>().AsNoTracking()
            .Where(r => r.Flow == flow.Slug && r.Facet == "" && r.Period == period && r.BucketStart >= first && r.BucketStart <= last)
            .Select(r => new { r.BucketStart, r.Count })
            .ToDictionaryAsync(r => r.BucketStart, r => r.Count, cancellationToken);

        var now = time.GetUtcNow().UtcDateTime;
        var open = calendar.BucketStart(now, period);
        if (open >= first && open <= last)
        {
            var end = calendar.NextBucketStart(open, period);
            stored[open] = await db.Set<FlowEvent>().AsNoTracking()
                .LongCountAsync(e => e.Flow == flow.Slug && e.OccurredAt >= open && e.OccurredAt < end, cancellationToken);
        }

        return [.. buckets.Select(b => new SeriesPoint(b, stored.GetValueOrDefault(b)))];
    }

    /// <summary>
    /// Events of the flow per value of one facet over the day buckets from <paramref name="from"/> to
    /// <paramref name="to"/>, from the records (the open day is included as last recorded); NULL value
    /// under a null key. Largest first.
    /// </summary>
    public async Task<IReadOnlyList<FacetValueTotal>> BreakdownAsync(DbContext db, Flow flow, string facet, DateTime from, DateTime to, CancellationToken cancellationToken = default)
    {
        var first = calendar.BucketStart(from, Period.Day);
        var end = PeriodCalendar.AsUtc(to);
        var rows = await db.Set<FlowRecord>().AsNoTracking()
            .Where(r => r.Flow == flow.Slug && r.Facet == facet && r.Period == Period.Day && r.BucketStart >= first && r.BucketStart < end)
            .GroupBy(r => new { r.IsNull, r.Value })
            .Select(g => new { g.Key.IsNull, g.Key.Value, Count = g.Sum(r => r.Count) })
            .ToListAsync(cancellationToken);
        return [.. rows.Where(r => r.Count > 0).Select(r => new FacetValueTotal(r.IsNull ? null : r.Value, r.Count)).OrderByDescending(r => r.Count)];
    }
}
