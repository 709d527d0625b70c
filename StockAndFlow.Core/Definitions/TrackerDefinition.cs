using StockAndFlow.Storage;
using System.Linq.Expressions;

namespace StockAndFlow.Definitions;

/// <summary>What a tracker computes per bucket.</summary>
public enum TrackerAggregate
{
    /// <summary>Number of rows (django-trackstats' CountObjectsByDate trackers).</summary>
    Count = 1,

    /// <summary>Sum of a column.</summary>
    Sum = 2,

    /// <summary>Average of a column.</summary>
    Average = 3,
}

/// <summary>
/// A tracker: rows of an entity bucketed by a timestamp column (and optionally by a related object's key)
/// into statistics of one metric, for some periods. Runs incrementally and set-based.
/// </summary>
public abstract class TrackerDefinition
{
    private protected TrackerDefinition(MetricDefinition metric, TrackerAggregate aggregate, IReadOnlyList<StatisticPeriod> periods, string? objectType)
    {
        Metric = metric;
        Aggregate = aggregate;
        Periods = periods;
        ObjectType = objectType;
    }

    /// <summary>The metric it writes.</summary>
    public MetricDefinition Metric { get; }

    /// <summary>Count, sum or average.</summary>
    public TrackerAggregate Aggregate { get; }

    /// <summary>The periods it writes.</summary>
    public IReadOnlyList<StatisticPeriod> Periods { get; }

    /// <summary>The object type name for by-object trackers; null for by-date.</summary>
    public string? ObjectType { get; }

    /// <summary>The entity type whose rows are tracked.</summary>
    public abstract Type EntityType { get; }

    /// <summary>A stable name for logs and job ids.</summary>
    public string Name => $"{Metric.Domain.Ref}/{Metric.Ref}:{Aggregate.ToString().ToLowerInvariant()}{(ObjectType is null ? "" : "-by-" + ObjectType.ToLowerInvariant())}";
}

/// <summary>A tracker over <typeparamref name="T"/> rows.</summary>
public sealed class TrackerDefinition<T> : TrackerDefinition
    where T : class
{
    internal TrackerDefinition(
        MetricDefinition metric,
        TrackerAggregate aggregate,
        IReadOnlyList<StatisticPeriod> periods,
        Expression<Func<T, DateTime>> date,
        Expression<Func<T, decimal>>? value,
        LambdaExpression? objectKey,
        string? objectType)
        : base(metric, aggregate, periods, objectType)
    {
        Date = date;
        Value = value;
        ObjectKey = objectKey;
    }

    /// <inheritdoc />
    public override Type EntityType => typeof(T);

    /// <summary>The timestamp column rows are bucketed by.</summary>
    public Expression<Func<T, DateTime>> Date { get; }

    /// <summary>The column summed or averaged; null for counts.</summary>
    public Expression<Func<T, decimal>>? Value { get; }

    /// <summary>The related object's key, for by-object trackers.</summary>
    public LambdaExpression? ObjectKey { get; }
}

/// <summary>Declares trackers of one metric over <typeparamref name="T"/> rows.</summary>
public sealed class TrackerBuilder<T>
    where T : class
{
    private readonly MetricDefinition _metric;
    private readonly List<TrackerDefinition> _trackers;

    internal TrackerBuilder(MetricDefinition metric, List<TrackerDefinition> trackers)
    {
        _metric = metric;
        _trackers = trackers;
    }

    /// <summary>Rows per bucket of each period (django-trackstats' CountObjectsByDateTracker).</summary>
    public TrackerBuilder<T> CountByDate(Expression<Func<T, DateTime>> date, params StatisticPeriod[] periods) =>
        Add(new TrackerDefinition<T>(_metric, TrackerAggregate.Count, Periods(periods), date, null, null, null));

    /// <summary>Rows per bucket and related object (django-trackstats' CountObjectsByDateAndObjectTracker).</summary>
    public TrackerBuilder<T> CountByDateAndObject<TObject, TKey>(Expression<Func<T, DateTime>> date, Expression<Func<T, TKey>> objectKey, params StatisticPeriod[] periods) =>
        Add(new TrackerDefinition<T>(_metric, TrackerAggregate.Count, Periods(periods), date, null, objectKey, typeof(TObject).Name));

    /// <summary>Sum of a column per bucket.</summary>
    public TrackerBuilder<T> SumByDate(Expression<Func<T, DateTime>> date, Expression<Func<T, decimal>> value, params StatisticPeriod[] periods) =>
        Add(new TrackerDefinition<T>(_metric, TrackerAggregate.Sum, Periods(periods), date, value, null, null));

    /// <summary>Sum of a column per bucket and related object.</summary>
    public TrackerBuilder<T> SumByDateAndObject<TObject, TKey>(Expression<Func<T, DateTime>> date, Expression<Func<T, decimal>> value, Expression<Func<T, TKey>> objectKey, params StatisticPeriod[] periods) =>
        Add(new TrackerDefinition<T>(_metric, TrackerAggregate.Sum, Periods(periods), date, value, objectKey, typeof(TObject).Name));

    /// <summary>Average of a column per bucket.</summary>
    public TrackerBuilder<T> AverageByDate(Expression<Func<T, DateTime>> date, Expression<Func<T, decimal>> value, params StatisticPeriod[] periods) =>
        Add(new TrackerDefinition<T>(_metric, TrackerAggregate.Average, Periods(periods), date, value, null, null));

    private static StatisticPeriod[] Periods(StatisticPeriod[] periods) => periods.Length == 0 ? [StatisticPeriod.Day] : periods;

    private TrackerBuilder<T> Add(TrackerDefinition tracker)
    {
        _trackers.Add(tracker);
        return this;
    }
}
