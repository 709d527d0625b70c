using Microsoft.EntityFrameworkCore;
using StockAndFlow.Counting;

namespace StockAndFlow.Records;

/// <summary>
/// Keeps <see cref="FlowRecord"/>s up to date incrementally. Each run reads only events newer than the
/// last run's checkpoint (plus a safety margin for transactions that committed late), recounts the
/// hour and day buckets they touch from the events, and rebuilds the week, month and year buckets that
/// contain those days from the day records — so a year of history is never recounted every run. Every
/// write is an upsert on the record's unique key: running twice, or on two servers at once, leaves the
/// same records.
/// </summary>
public sealed class FlowRecordUpdater(PeriodCalendar calendar, TimeProvider time)
{
    internal const string CheckpointName = "flow-records";

    /// <summary>Events committed up to this long after they were stamped are still counted.</summary>
    public static TimeSpan LateCommitMargin { get; } = TimeSpan.FromMinutes(10);

    /// <summary>Brings flow records up to date; returns the number of records written.</summary>
    public async Task<int> UpdateAsync(DbContext db, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var checkpoint = await db.Set<Checkpoint>().AsNoTracking().SingleOrDefaultAsync(c => c.Name == CheckpointName, cancellationToken);
        var lastId = checkpoint?.LastId ?? 0;
        var events = db.Set<FlowEvent>().AsNoTracking();
        var maxId = await events.MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0;
        if (maxId <= lastId && checkpoint is not null && checkpoint.UpdatedAt > now - LateCommitMargin)
        {
            return 0;
        }

        var earliestNew = await events.Where(e => e.Id > lastId).MinAsync(e => (DateTime?)e.OccurredAt, cancellationToken);
        DateTime? since = checkpoint is null ? earliestNew : Min(earliestNew, checkpoint.UpdatedAt - LateCommitMargin);
        var written = 0;
        if (since is { } start)
        {
            var dayStart = calendar.BucketStart(start, Period.Day);
            written += await RecountHoursAndDaysAsync(db, dayStart, now, cancellationToken);
            foreach (var period in new[] { Period.Week, Period.Month, Period.Year })
            {
                written += await RollUpAsync(db, period, calendar.BucketStart(dayStart, period), now, cancellationToken);
            }
        }

        await SaveCheckpointAsync(db, maxId, now, cancellationToken);
        return written;
    }

    private async Task<int> RecountHoursAndDaysAsync(DbContext db, DateTime from, DateTime now, CancellationToken cancellationToken)
    {
        // Grouped by exact instant, not by a date function, so any reporting zone (including ones with
        // half-hour offsets) is bucketed in memory by the calendar, on every provider.
        var instants = await db.Set<FlowEvent>().AsNoTracking()
            .Where(e => e.OccurredAt >= from)
            .GroupBy(e => new { e.Flow, e.OccurredAt })
            .Select(g => new { g.Key.Flow, g.Key.OccurredAt, Count = g.LongCount() })
            .ToListAsync(cancellationToken);

        var records = new List<FlowRecord>();
        foreach (var period in new[] { Period.Hour, Period.Day })
        {
            records.AddRange(instants
                .GroupBy(i => (i.Flow, Bucket: calendar.BucketStart(i.OccurredAt, period)))
                .Select(g => new FlowRecord { Flow = g.Key.Flow, Period = period, BucketStart = g.Key.Bucket, Count = g.Sum(i => i.Count), UpdatedAt = now }));
        }

        await ZeroStaleAsync(db, [Period.Hour, Period.Day], from, records, now, cancellationToken);
        await RecordUpsert.FlowRecordsAsync(db, records, cancellationToken);
        return records.Count;
    }

    private async Task<int> RollUpAsync(DbContext db, Period period, DateTime from, DateTime now, CancellationToken cancellationToken)
    {
        var days = await db.Set<FlowRecord>().AsNoTracking()
            .Where(r => r.Period == Period.Day && r.BucketStart >= from)
            .Select(r => new { r.Flow, r.BucketStart, r.Count })
            .ToListAsync(cancellationToken);
        var records = days
            .GroupBy(d => (d.Flow, Bucket: calendar.BucketStart(d.BucketStart, period)))
            .Select(g => new FlowRecord { Flow = g.Key.Flow, Period = period, BucketStart = g.Key.Bucket, Count = g.Sum(d => d.Count), UpdatedAt = now })
            .ToList();
        await RecordUpsert.FlowRecordsAsync(db, records, cancellationToken);
        return records.Count;
    }

    // A bucket recounted to zero (its events were deleted) must not keep its old count.
    private static async Task ZeroStaleAsync(DbContext db, Period[] periods, DateTime from, List<FlowRecord> fresh, DateTime now, CancellationToken cancellationToken)
    {
        var keys = fresh.Select(r => (r.Flow, r.Period, r.BucketStart)).ToHashSet();
        var existing = await db.Set<FlowRecord>().AsNoTracking()
            .Where(r => periods.Contains(r.Period) && r.BucketStart >= from && r.Count != 0)
            .Select(r => new { r.Flow, r.Period, r.BucketStart })
            .ToListAsync(cancellationToken);
        fresh.AddRange(existing
            .Where(r => !keys.Contains((r.Flow, r.Period, r.BucketStart)))
            .Select(r => new FlowRecord { Flow = r.Flow, Period = r.Period, BucketStart = r.BucketStart, Count = 0, UpdatedAt = now }));
    }

    private static async Task SaveCheckpointAsync(DbContext db, long maxId, DateTime now, CancellationToken cancellationToken)
    {
        // Only ever moves forward, so a slower concurrent run cannot move it back.
        var moved = await db.Set<Checkpoint>().Where(c => c.Name == CheckpointName && c.LastId <= maxId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastId, maxId).SetProperty(c => c.UpdatedAt, now), cancellationToken);
        if (moved == 0 && !await db.Set<Checkpoint>().AnyAsync(c => c.Name == CheckpointName, cancellationToken))
        {
            var row = new Checkpoint { Name = CheckpointName, LastId = maxId, UpdatedAt = now };
            db.Add(row);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // A concurrent run created it first; its value is as good as ours.
            }
            finally
            {
                db.Entry(row).State = EntityState.Detached;
            }
        }
    }

    private static DateTime? Min(DateTime? a, DateTime b) => a is { } value && value < b ? value : b;
}
