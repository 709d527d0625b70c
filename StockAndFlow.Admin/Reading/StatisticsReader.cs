using StockAndFlow.Storage;
using Microsoft.EntityFrameworkCore;
using StockAndFlow.Statistics;

namespace StockAndFlow.Admin.Reading;

/// <summary>Stored statistics: domains, metrics and their values, for the statistics pages and API.</summary>
public sealed class StatisticsReader(AdminDatabase database, StatisticsStore store)
{
    private DbContext Db => database.Context;

    /// <summary>Every domain with its metrics, both by reference.</summary>
    public async Task<IReadOnlyList<DomainMetrics>> DomainsAsync(CancellationToken cancellationToken)
    {
        var domains = await Db.Set<StatisticDomain>().AsNoTracking().OrderBy(d => d.Ref).ToListAsync(cancellationToken);
        var metrics = await Db.Set<StatisticMetric>().AsNoTracking().OrderBy(m => m.Ref).ToListAsync(cancellationToken);
        return [.. domains.Select(d => new DomainMetrics(d, [.. metrics.Where(m => m.DomainId == d.Id)]))];
    }

    /// <summary>How many values each metric has and the date of its newest, by metric id.</summary>
    public async Task<IReadOnlyDictionary<int, MetricValues>> ValueCountsAsync(CancellationToken cancellationToken)
    {
        var counts = await Db.Set<Statistic>().AsNoTracking().GroupBy(s => s.MetricId).Select(g => new { g.Key, Count = g.Count(), Last = g.Max(s => s.Date) }).ToListAsync(cancellationToken);
        return counts.ToDictionary(c => c.Key, c => new MetricValues(c.Count, c.Last));
    }

    /// <summary>The metric <paramref name="metric"/> of domain <paramref name="domain"/>, or <see langword="null"/>.</summary>
    public async Task<StoredMetric?> FindMetricAsync(string domain, string metric, CancellationToken cancellationToken)
    {
        var d = await Db.Set<StatisticDomain>().AsNoTracking().SingleOrDefaultAsync(x => x.Ref == domain, cancellationToken);
        var m = d is null ? null : await Db.Set<StatisticMetric>().AsNoTracking().SingleOrDefaultAsync(x => x.DomainId == d.Id && x.Ref == metric, cancellationToken);
        return d is null || m is null ? null : new StoredMetric(d, m);
    }

    /// <summary>The periods the metric has values for.</summary>
    public async Task<IReadOnlyList<StatisticPeriod>> PeriodsAsync(StatisticMetric metric, CancellationToken cancellationToken) =>
        await Values(metric).Select(s => s.Period).Distinct().ToListAsync(cancellationToken);

    /// <summary>The object types the metric has values about.</summary>
    public async Task<IReadOnlyList<string>> ObjectTypesAsync(StatisticMetric metric, CancellationToken cancellationToken) =>
        await Values(metric).Where(s => s.ObjectType != "").Select(s => s.ObjectType).Distinct().ToListAsync(cancellationToken);

    /// <summary>The values <paramref name="query"/> asks for.</summary>
    public async Task<IReadOnlyList<Statistic>> ValuesAsync(StatisticQuery query, CancellationToken cancellationToken) =>
        await store.QueryAsync(Db, query, cancellationToken);

    private IQueryable<Statistic> Values(StatisticMetric metric) => Db.Set<Statistic>().AsNoTracking().Where(s => s.MetricId == metric.Id);
}

/// <summary>A statistics domain with its metrics.</summary>
public sealed record DomainMetrics(StatisticDomain Domain, IReadOnlyList<StatisticMetric> Metrics);

/// <summary>How many values a metric has stored, and the date of its newest.</summary>
public sealed record MetricValues(int Count, DateTime Last);

/// <summary>A stored metric with its domain.</summary>
public sealed record StoredMetric(StatisticDomain Domain, StatisticMetric Metric);
