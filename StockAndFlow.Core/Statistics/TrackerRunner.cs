using StockAndFlow.Definitions;
using StockAndFlow.Storage;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using StockAndFlow.Capture;

namespace StockAndFlow.Statistics;

/// <summary>
/// Runs trackers incrementally and set-based. Each run starts from the last recorded bucket of each
/// period (recomputing it, since it may have been open) or from the earliest row, reads the rows since
/// then in one GROUP BY on UTC quarter-hours (and the object, for by-object trackers), and buckets the
/// groups in memory in the reporting time zone. Lifetime writes a cumulative value for every day up to
/// today, starting from the total before the first recomputed day (one more aggregate query); Days28
/// writes the 28-day window ending on every day; the other periods write only buckets that have rows —
/// as django-trackstats does for Day.
/// </summary>
public sealed class TrackerRunner(PeriodCalendar calendar, StatisticsStore store, TimeProvider time)
{
    private static readonly MethodInfo RunMethod = typeof(TrackerRunner).GetMethod(nameof(RunCoreAsync), BindingFlags.NonPublic | BindingFlags.Instance)!;

    /// <summary>Brings the tracker's statistics up to date; returns the number of statistics written.</summary>
    public Task<int> RunAsync(DbContext db, TrackerDefinition tracker, int metricId, CancellationToken cancellationToken = default)
    {
        var keyType = tracker.GetType().GetProperty(nameof(TrackerDefinition<object>.ObjectKey))!.GetValue(tracker) is LambdaExpression key ? key.ReturnType : typeof(int);
        return (Task<int>)RunMethod.MakeGenericMethod(tracker.EntityType, keyType).Invoke(this, [db, tracker, metricId, cancellationToken])!;
    }

    private async Task<int> RunCoreAsync<T, TKey>(DbContext db, TrackerDefinition tracker, int metricId, CancellationToken cancellationToken)
        where T : class
    {
        var typed = (TrackerDefinition<T>)tracker;
        var objectType = tracker.ObjectType ?? "";
        var now = time.GetUtcNow().UtcDateTime;
        var today = calendar.BucketStart(now, Period.Day);
        var rows = db.Set<T>().AsNoTracking().Select(Projection<T, TKey>(typed));

        var earliest = await rows.MinAsync(r => (DateTime?)r.At, cancellationToken);
        if (earliest is null)
        {
            return 0;
        }

        // Where each period resumes: its last recorded bucket (recomputed) or the earliest row's bucket.
        var resume = new Dictionary<StatisticPeriod, DateTime>();
        foreach (var period in tracker.Periods)
        {
            var last = await db.Set<Statistic>().AsNoTracking()
                .Where(s => s.MetricId == metricId && s.Period == period && s.ObjectType == objectType)
                .MaxAsync(s => (DateTime?)s.Date, cancellationToken);
            resume[period] = last ?? Bucket(earliest.Value, period);
        }

        var fetchFrom = resume.Select(p => p.Key == StatisticPeriod.Days28 ? calendar.BucketStart(p.Value.AddDays(-27), Period.Day) : p.Value).Min();
        var fractional = calendar.HasPartHourOffsets;
        var slots = await rows.Where(r => r.At >= fetchFrom)
            .GroupBy(r => new { r.Object, r.At.Year, r.At.Month, r.At.Day, r.At.Hour, Quarter = fractional ? r.At.Minute / 15 : 0 })
            .Select(g => new { g.Key.Object, g.Key.Year, g.Key.Month, g.Key.Day, g.Key.Hour, g.Key.Quarter, Count = g.Count(), Sum = g.Sum(r => r.Value) })
            .ToListAsync(cancellationToken);
        var points = slots.Select(s => new Slot(
            SubjectKey.Format(s.Object),
            PeriodCalendar.Slot(s.Year, s.Month, s.Day, s.Hour, s.Quarter),
            s.Count,
            s.Sum)).ToList();

        var written = new List<Statistic>();
        foreach (var (period, from) in resume)
        {
            written.AddRange(period switch
            {
                StatisticPeriod.Lifetime => await LifetimeAsync(rows, tracker, from, today, points, cancellationToken),
                StatisticPeriod.Days28 => RollingDays(tracker, from, today, points),
                _ => points.Where(p => p.At >= from)
                    .GroupBy(p => (p.Object, Bucket: Bucket(p.At, period)))
                    .Select(g => Value(tracker, g.Key.Bucket, period, g.Key.Object, g.Sum(p => p.Count), g.Sum(p => p.Sum))),
            });
        }

        foreach (var statistic in written)
        {
            statistic.MetricId = metricId;
            statistic.ObjectType = objectType;
        }

        await store.RecordManyAsync(db, written, cancellationToken);
        return written.Count;
    }

    private async Task<IEnumerable<Statistic>> LifetimeAsync<TKey>(IQueryable<TrackRow<TKey>> rows, TrackerDefinition tracker, DateTime from, DateTime today, List<Slot> points, CancellationToken cancellationToken)
    {
        var before = await rows.Where(r => r.At < from)
            .GroupBy(r => r.Object)
            .Select(g => new { g.Key, Count = g.Count(), Sum = g.Sum(r => r.Value) })
            .ToListAsync(cancellationToken);
        var totals = before.ToDictionary(b => SubjectKey.Format(b.Key), b => (Count: (long)b.Count, b.Sum));
        var byDay = points.Where(p => p.At >= from).GroupBy(p => (Day: Bucket(p.At, StatisticPeriod.Day), p.Object)).ToDictionary(g => g.Key, g => (Count: g.Sum(p => (long)p.Count), Sum: g.Sum(p => p.Sum)));
        var result = new List<Statistic>();
        for (var day = from; day <= today; day = calendar.NextBucketStart(day, Period.Day))
        {
            foreach (var (key, value) in byDay.Where(d => d.Key.Day == day))
            {
                var current = totals.GetValueOrDefault(key.Object);
                totals[key.Object] = (current.Count + value.Count, current.Sum + value.Sum);
            }

            if (totals.Count == 0 && tracker.ObjectType is null)
            {
                result.Add(Value(tracker, day, StatisticPeriod.Lifetime, "", 0, 0));
            }

            result.AddRange(totals.Select(t => Value(tracker, day, StatisticPeriod.Lifetime, t.Key, t.Value.Count, t.Value.Sum)));
        }

        return result;
    }

    private IEnumerable<Statistic> RollingDays(TrackerDefinition tracker, DateTime from, DateTime today, List<Slot> points)
    {
        var byDay = points.GroupBy(p => (Day: Bucket(p.At, StatisticPeriod.Day), p.Object)).ToDictionary(g => g.Key, g => (Count: g.Sum(p => (long)p.Count), Sum: g.Sum(p => p.Sum)));
        var objects = points.Select(p => p.Object).Distinct().ToList();
        for (var day = from; day <= today; day = calendar.NextBucketStart(day, Period.Day))
        {
            var windowStart = calendar.BucketStart(day.AddDays(-27).AddHours(12), Period.Day);
            foreach (var obj in objects)
            {
                var inWindow = byDay.Where(d => d.Key.Object == obj && d.Key.Day >= windowStart && d.Key.Day <= day).Select(d => d.Value).ToList();
                yield return Value(tracker, day, StatisticPeriod.Days28, obj, inWindow.Sum(v => v.Count), inWindow.Sum(v => v.Sum));
            }
        }
    }

    private static Statistic Value(TrackerDefinition tracker, DateTime date, StatisticPeriod period, string objectKey, long count, decimal sum) => new()
    {
        Period = period,
        Date = date,
        ObjectKey = tracker.ObjectType is null ? "" : objectKey,
        Value = tracker.Aggregate switch
        {
            TrackerAggregate.Count => count,
            TrackerAggregate.Sum => sum,
            _ => count == 0 ? null : Math.Round(sum / count, 8),
        },
    };

    private DateTime Bucket(DateTime at, StatisticPeriod period) => calendar.BucketStart(at, period);

    private static Expression<Func<T, TrackRow<TKey>>> Projection<T, TKey>(TrackerDefinition<T> tracker)
        where T : class
    {
        var row = tracker.Date.Parameters[0];
        Expression Rebind(LambdaExpression lambda) => Definitions.ParameterRebinder.Body(lambda, row);
        var bindings = new List<MemberBinding>
        {
            Expression.Bind(typeof(TrackRow<TKey>).GetProperty(nameof(TrackRow<TKey>.At))!, tracker.Date.Body),
            Expression.Bind(typeof(TrackRow<TKey>).GetProperty(nameof(TrackRow<TKey>.Value))!, tracker.Value is null ? Expression.Constant(0m) : Rebind(tracker.Value)),
            Expression.Bind(typeof(TrackRow<TKey>).GetProperty(nameof(TrackRow<TKey>.Object))!, tracker.ObjectKey is null ? Expression.Default(typeof(TKey)) : Rebind(tracker.ObjectKey)),
        };
        return Expression.Lambda<Func<T, TrackRow<TKey>>>(Expression.MemberInit(Expression.New(typeof(TrackRow<TKey>)), bindings), row);
    }

    private sealed record Slot(string Object, DateTime At, int Count, decimal Sum);
}

/// <summary>A tracked row reduced to what trackers group: the timestamp, the value and the object key.</summary>
internal sealed class TrackRow<TKey>
{
    public DateTime At { get; set; }

    public decimal Value { get; set; }

    public TKey Object { get; set; } = default!;
}
