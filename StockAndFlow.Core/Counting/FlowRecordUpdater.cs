using StockAndFlow.Storage;
using Microsoft.EntityFrameworkCore;
using StockAndFlow.Counting;
using StockAndFlow.Definitions;

namespace StockAndFlow.Counting;

/// <summary>
/// Keeps <see cref="FlowRecord"/>s up to date incrementally. Each run reads only events newer than the
/// last run's checkpoint (plus a safety margin for transactions that committed late), recounts the
/// hour and day buckets they touch from the events, and rebuilds the week, month and year buckets that
/// contain those days from the day records — so a year of history is never recounted every run. Every
/// write is an upsert on the record's unique key: running twice, or on two servers at once, leaves the
/// same records.
/// </summary>
/// <remarks>
/// Facet breakdowns use the facets of the flow's stocks, evaluated on each subject's <em>current</em>
/// values when its bucket is recounted; subjects deleted since count in the NULL bucket.
/// </remarks>
public sealed class FlowRecordUpdater(StockAndFlowModel model, PeriodCalendar calendar, TimeProvider time)
{
    internal const string CheckpointName = "flow-records";

    private static readonly Period[] Recounted = [Period.Hour, Period.Day];
    private static readonly Period[] RolledUp = [Period.Week, Period.Month, Period.Year];

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

        // Never recount buckets whose events retention removed (an event stamped that far back, by a
        // skewed clock, is not counted): a day past the oldest month kept covers any zone's day bucket.
        if (since is { } wanted && await FlowEventRetention.KeptFromAsync(db, cancellationToken) is { } keptFrom && wanted < keptFrom.AddDays(1))
        {
            since = keptFrom.AddDays(1);
        }

        var written = 0;
        if (since is { } start)
        {
            var dayStart = calendar.BucketStart(start, Period.Day);
            written += await RecountHoursAndDaysAsync(db, dayStart, now, cancellationToken);
            foreach (var period in RolledUp)
            {
                written += await RollUpAsync(db, period, calendar.BucketStart(dayStart, period), now, cancellationToken);
            }
        }

        await SaveCheckpointAsync(db, maxId, now, cancellationToken);
        return written;
    }

    private async Task<int> RecountHoursAndDaysAsync(DbContext db, DateTime from, DateTime now, CancellationToken cancellationToken)
    {
        // Grouped by UTC hour (or quarter-hour) in the query, not by a local date function, so any
        // reporting zone is bucketed in memory by the calendar, on every provider, and a long history
        // comes back as at most one row per flow and slot.
        var quarters = calendar.HasPartHourOffsets;
        var totals = await db.Set<FlowEvent>().AsNoTracking()
            .Where(e => e.OccurredAt >= from)
            .GroupBy(e => new { e.Flow, e.OccurredAt.Year, e.OccurredAt.Month, e.OccurredAt.Day, e.OccurredAt.Hour, Quarter = quarters ? e.OccurredAt.Minute / 15 : 0 })
            .Select(g => new { g.Key.Flow, g.Key.Year, g.Key.Month, g.Key.Day, g.Key.Hour, g.Key.Quarter, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        var counted = totals.Select(t => (Key: new RecordKey(t.Flow, "", false, ""), OccurredAt: PeriodCalendar.Slot(t.Year, t.Month, t.Day, t.Hour, t.Quarter), t.Count)).ToList();
        counted.AddRange(await CountFacetsAsync(db, from, cancellationToken));

        var records = Recounted.SelectMany(period => counted
                .GroupBy(c => (c.Key, Bucket: calendar.BucketStart(c.OccurredAt, period)))
                .Select(g => g.Key.Key.ToRecord(period, g.Key.Bucket, g.Sum(c => c.Count), now)))
            .ToList();
        await AddZerosForStaleAsync(db, from, records, now, cancellationToken);
        await RecordUpsert.FlowRecordsAsync(db, records, cancellationToken);
        return records.Count;
    }

    private async Task<List<(RecordKey Key, DateTime OccurredAt, long Count)>> CountFacetsAsync(DbContext db, DateTime from, CancellationToken cancellationToken)
    {
        var result = new List<(RecordKey, DateTime, long)>();
        var faceted = model.Flows.Where(f => f.StockFacets.Count > 0).ToList();
        if (faceted.Count == 0)
        {
            return result;
        }

        var slugs = faceted.Select(f => f.Slug).ToList();
        var events = await db.Set<FlowEvent>().AsNoTracking()
            .Where(e => slugs.Contains(e.Flow) && e.OccurredAt >= from)
            .Select(e => new { e.Flow, e.SubjectKey, e.OccurredAt })
            .ToListAsync(cancellationToken);
        foreach (var flow in faceted)
        {
            var ofFlow = events.Where(e => e.Flow == flow.Slug).ToList();
            if (ofFlow.Count == 0)
            {
                continue;
            }

            var keys = ofFlow.Select(e => e.SubjectKey).Distinct().ToList();
            foreach (var facet in flow.StockFacets)
            {
                var values = await SubjectFacetLookup.LookupAsync(db, flow.EntityType, facet, keys, cancellationToken);
                result.AddRange(ofFlow
                    .GroupBy(e => (Value: values.GetValueOrDefault(e.SubjectKey), e.OccurredAt))
                    .Select(g => (new RecordKey(flow.Slug, facet.Slug, g.Key.Value is null, g.Key.Value ?? ""), g.Key.OccurredAt, (long)g.Count())));
            }
        }

        return result;
    }

    private async Task<int> RollUpAsync(DbContext db, Period period, DateTime from, DateTime now, CancellationToken cancellationToken)
    {
        var days = await db.Set<FlowRecord>().AsNoTracking()
            .Where(r => r.Period == Period.Day && r.BucketStart >= from)
            .ToListAsync(cancellationToken);
        var records = days
            .GroupBy(d => (Key: RecordKey.Of(d), Bucket: calendar.BucketStart(d.BucketStart, period)))
            .Select(g => g.Key.Key.ToRecord(period, g.Key.Bucket, g.Sum(d => d.Count), now))
            .ToList();
        await RecordUpsert.FlowRecordsAsync(db, records, cancellationToken);
        return records.Count;
    }

    // A bucket recounted to zero (its events were deleted, or its subjects changed facet value) must
    // not keep its old count.
    private static async Task AddZerosForStaleAsync(DbContext db, DateTime from, List<FlowRecord> fresh, DateTime now, CancellationToken cancellationToken)
    {
        var keys = fresh.Select(r => (RecordKey.Of(r), r.Period, r.BucketStart)).ToHashSet();
        var existing = await db.Set<FlowRecord>().AsNoTracking()
            .Where(r => Recounted.Contains(r.Period) && r.BucketStart >= from && r.Count != 0)
            .ToListAsync(cancellationToken);
        fresh.AddRange(existing
            .Where(r => !keys.Contains((RecordKey.Of(r), r.Period, r.BucketStart)))
            .Select(r => RecordKey.Of(r).ToRecord(r.Period, r.BucketStart, 0, now)));
    }

    private static async Task SaveCheckpointAsync(DbContext db, long maxId, DateTime now, CancellationToken cancellationToken)
    {
        // Only ever moves forward, so a slower concurrent run cannot move it back.
        var moved = await db.Set<Checkpoint>().Where(c => c.Name == CheckpointName && c.LastId <= maxId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastId, maxId).SetProperty(c => c.UpdatedAt, now), cancellationToken);
        if (moved == 0)
        {
            await Checkpoints.AddIfMissingAsync(db, new Checkpoint { Name = CheckpointName, LastId = maxId, UpdatedAt = now }, cancellationToken);
        }
    }

    private static DateTime? Min(DateTime? a, DateTime b) => a is { } value && value < b ? value : b;

    private readonly record struct RecordKey(string Flow, string Facet, bool IsNull, string Value)
    {
        public static RecordKey Of(FlowRecord r) => new(r.Flow, r.Facet, r.IsNull, r.Value);

        public FlowRecord ToRecord(Period period, DateTime bucket, long count, DateTime now) => new()
        {
            Flow = Flow,
            Facet = Facet,
            IsNull = IsNull,
            Value = Value,
            Period = period,
            BucketStart = bucket,
            Count = count,
            UpdatedAt = now,
        };
    }
}
