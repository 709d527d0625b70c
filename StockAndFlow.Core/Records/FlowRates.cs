using Microsoft.EntityFrameworkCore;
using StockAndFlow.Definitions;

namespace StockAndFlow.Records;

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
            .Where(r => r.Flow == flow.Slug && r.Period == period && r.BucketStart >= first && r.BucketStart <= last)
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
}
