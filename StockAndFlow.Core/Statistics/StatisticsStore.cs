using StockAndFlow.Definitions;
using StockAndFlow.Storage;
using Microsoft.EntityFrameworkCore;

namespace StockAndFlow.Statistics;

/// <summary>A query over stored statistics: metrics, one period, a date range and (optionally) objects.</summary>
public sealed record StatisticQuery(IReadOnlyList<int> MetricIds, StatisticPeriod Period, DateTime? From = null, DateTime? To = null, string? ObjectType = null, IReadOnlyList<string>? ObjectKeys = null);

/// <summary>
/// Registers domains and metrics by reference id, records statistics as upserts on their unique key, and
/// queries them. Registering again updates name and description and keeps the row's identity.
/// </summary>
/// <remarks>
/// As with django-trackstats' <c>Statistic.objects.record(metric=..., value=..., period=...)</c>, a
/// metric declared in code (<see cref="MetricDefinition"/>) can be recorded and read directly: it is
/// registered on first use. Without a date, a value is recorded for now's bucket of its period (today
/// for Day, Days28 and Lifetime) in the reporting time zone.
/// </remarks>
public sealed class StatisticsStore(TimeProvider time, Storage.PeriodCalendar calendar)
{
    /// <summary>Registers (or updates) a domain.</summary>
    public async Task<StatisticDomain> RegisterDomainAsync(DbContext db, string reference, string name, string? description = null, CancellationToken cancellationToken = default)
    {
        var domain = await db.Set<StatisticDomain>().SingleOrDefaultAsync(d => d.Ref == reference, cancellationToken);
        if (domain is null)
        {
            domain = new StatisticDomain { Ref = reference };
            db.Add(domain);
        }

        domain.Name = name;
        domain.Description = description;
        await SaveIgnoringRaceAsync(db, cancellationToken);
        return await db.Set<StatisticDomain>().AsNoTracking().SingleAsync(d => d.Ref == reference, cancellationToken);
    }

    /// <summary>Registers (or updates) a metric of a domain.</summary>
    public async Task<StatisticMetric> RegisterMetricAsync(DbContext db, StatisticDomain domain, string reference, string name, string? description = null, CancellationToken cancellationToken = default)
    {
        var metric = await db.Set<StatisticMetric>().SingleOrDefaultAsync(m => m.DomainId == domain.Id && m.Ref == reference, cancellationToken);
        if (metric is null)
        {
            metric = new StatisticMetric { DomainId = domain.Id, Ref = reference };
            db.Add(metric);
        }

        metric.Name = name;
        metric.Description = description;
        await SaveIgnoringRaceAsync(db, cancellationToken);
        return await db.Set<StatisticMetric>().AsNoTracking().SingleAsync(m => m.DomainId == domain.Id && m.Ref == reference, cancellationToken);
    }

    /// <summary>Registers every domain and metric declared in code; returns metric ids by definition.</summary>
    public async Task<Dictionary<MetricDefinition, int>> RegisterAsync(DbContext db, IEnumerable<DomainDefinition> domains, CancellationToken cancellationToken = default)
    {
        var ids = new Dictionary<MetricDefinition, int>();
        foreach (var domain in domains)
        {
            var stored = await RegisterDomainAsync(db, domain.Ref, domain.Name, domain.Description, cancellationToken);
            foreach (var metric in domain.Metrics)
            {
                ids[metric] = (await RegisterMetricAsync(db, stored, metric.Ref, metric.Name, metric.Description, cancellationToken)).Id;
            }
        }

        return ids;
    }

    /// <summary>Records one value (an upsert on metric, period, date and object).</summary>
    public Task RecordAsync(DbContext db, int metricId, StatisticPeriod period, DateTime date, decimal? value, string? objectType = null, string? objectKey = null, CancellationToken cancellationToken = default) =>
        RecordManyAsync(db, [new Statistic { MetricId = metricId, Period = period, Date = DateTime.SpecifyKind(date, DateTimeKind.Utc), Value = value, ObjectType = objectType ?? "", ObjectKey = objectKey ?? "" }], cancellationToken);

    /// <summary>Records one value for now's bucket of <paramref name="period"/> (today, for Day) in the reporting time zone.</summary>
    public Task RecordAsync(DbContext db, int metricId, StatisticPeriod period, decimal? value, string? objectType = null, string? objectKey = null, CancellationToken cancellationToken = default) =>
        RecordAsync(db, metricId, period, Today(period), value, objectType, objectKey, cancellationToken);

    /// <summary>Records one value of a metric declared in code (registered on first use).</summary>
    public async Task RecordAsync(DbContext db, MetricDefinition metric, StatisticPeriod period, DateTime date, decimal? value, string? objectType = null, string? objectKey = null, CancellationToken cancellationToken = default) =>
        await RecordAsync(db, await IdOfAsync(db, metric, cancellationToken), period, date, value, objectType, objectKey, cancellationToken);

    /// <summary>Records one value of a metric declared in code for now's bucket of <paramref name="period"/> (today, for Day).</summary>
    public Task RecordAsync(DbContext db, MetricDefinition metric, StatisticPeriod period, decimal? value, string? objectType = null, string? objectKey = null, CancellationToken cancellationToken = default) =>
        RecordAsync(db, metric, period, Today(period), value, objectType, objectKey, cancellationToken);

    /// <summary>
    /// The stored values of a metric declared in code for one period, oldest first: dates in
    /// [<paramref name="from"/>, <paramref name="to"/>) when given; by date only, or for one object type
    /// (and optionally some of its keys).
    /// </summary>
    public async Task<List<Statistic>> ReadAsync(DbContext db, MetricDefinition metric, StatisticPeriod period, DateTime? from = null, DateTime? to = null, string? objectType = null, IReadOnlyList<string>? objectKeys = null, CancellationToken cancellationToken = default) =>
        await QueryAsync(db, new StatisticQuery([await IdOfAsync(db, metric, cancellationToken)], period, from, to, objectType, objectKeys), cancellationToken);

    /// <summary>
    /// The value of a metric declared in code for one period and date (now's bucket when no date is given),
    /// by date only or for one object; null when none is stored or the stored value is "no data".
    /// </summary>
    public async Task<decimal?> ValueAsync(DbContext db, MetricDefinition metric, StatisticPeriod period, DateTime? date = null, string? objectType = null, string? objectKey = null, CancellationToken cancellationToken = default)
    {
        var id = await IdOfAsync(db, metric, cancellationToken);
        var day = DateTime.SpecifyKind(date ?? Today(period), DateTimeKind.Utc);
        var type = objectType ?? "";
        var key = objectKey ?? "";
        return await db.Set<Statistic>().AsNoTracking()
            .Where(s => s.MetricId == id && s.Period == period && s.Date == day && s.ObjectType == type && s.ObjectKey == key)
            .Select(s => s.Value)
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>The stored id of a metric declared in code, registering its domain and it when they are new.</summary>
    public async Task<int> IdOfAsync(DbContext db, MetricDefinition metric, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var id = await (from m in db.Set<StatisticMetric>()
                        join d in db.Set<StatisticDomain>() on m.DomainId equals d.Id
                        where d.Ref == metric.Domain.Ref && m.Ref == metric.Ref
                        select (int?)m.Id).SingleOrDefaultAsync(cancellationToken);
        if (id is { } known)
        {
            return known;
        }

        var domain = await RegisterDomainAsync(db, metric.Domain.Ref, metric.Domain.Name, metric.Domain.Description, cancellationToken);
        return (await RegisterMetricAsync(db, domain, metric.Ref, metric.Name, metric.Description, cancellationToken)).Id;
    }

    /// <summary>Records many values in one batched save (upserts).</summary>
    public async Task RecordManyAsync(DbContext db, IReadOnlyList<Statistic> values, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var value in values)
        {
            value.UpdatedAt = now;
        }

        await Storage.RecordUpsert.StatisticsAsync(db, values, cancellationToken);
    }

    /// <summary>Stored statistics matching the query, ordered by metric, date and object.</summary>
    public Task<List<Statistic>> QueryAsync(DbContext db, StatisticQuery query, CancellationToken cancellationToken = default)
    {
        var ids = query.MetricIds.ToList();
        var q = db.Set<Statistic>().AsNoTracking().Where(s => ids.Contains(s.MetricId) && s.Period == query.Period);
        if (query.From is { } from)
        {
            q = q.Where(s => s.Date >= from);
        }

        if (query.To is { } to)
        {
            q = q.Where(s => s.Date < to);
        }

        if (query.ObjectType is { } type)
        {
            q = q.Where(s => s.ObjectType == type);
            if (query.ObjectKeys is { Count: > 0 } keys)
            {
                var list = keys.ToList();
                q = q.Where(s => list.Contains(s.ObjectKey));
            }
        }
        else
        {
            q = q.Where(s => s.ObjectType == "");
        }

        return q.OrderBy(s => s.MetricId).ThenBy(s => s.Date).ThenBy(s => s.ObjectKey).ToListAsync(cancellationToken);
    }

    private DateTime Today(StatisticPeriod period) => calendar.BucketStart(time.GetUtcNow().UtcDateTime, period);

    private static async Task SaveIgnoringRaceAsync(DbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Registered concurrently by another process: theirs has the same reference id; reread it.
            db.ChangeTracker.Clear();
        }
    }
}
