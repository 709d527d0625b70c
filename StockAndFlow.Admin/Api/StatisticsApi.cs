using StockAndFlow.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using StockAndFlow.Admin.Reading;
using StockAndFlow.Statistics;

namespace StockAndFlow.Admin.Api;

/// <summary>The statistics API: domains with their metrics, and a metric's values over a range.</summary>
internal static class StatisticsApi
{
    public static RouteGroupBuilder MapStatisticsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/statistics", GetDomainsAsync);
        api.MapGet("/statistics/{domain}/{metric}", GetMetricAsync);
        return api;
    }

    private static async Task<Ok<IReadOnlyList<StatisticsDomain>>> GetDomainsAsync(StatisticsReader statistics, CancellationToken cancellationToken)
    {
        var domains = await statistics.DomainsAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<StatisticsDomain>>([.. domains.Select(d => new StatisticsDomain(
            d.Domain.Ref,
            d.Domain.Name,
            d.Domain.Description,
            [.. d.Metrics.Select(m => new StatisticsMetric(m.Ref, m.Name, m.Description))]))]);
    }

    private static async Task<Results<Ok<MetricSeries>, FileContentHttpResult, ProblemHttpResult>> GetMetricAsync(
        string domain, string metric, [AsParameters] MetricParameters query, [AsParameters] RangeParameters range, [AsParameters] TableFormat format, AdminReadModel read, StatisticsReader statistics, CancellationToken cancellationToken)
    {
        if (await statistics.FindMetricAsync(domain, metric, cancellationToken) is not { } stored)
        {
            return AdminProblems.NotFound("metric", $"{domain}/{metric}");
        }

        // `period` is a statistics period here; the range is counted in days.
        var period = ParsePeriod(range.Period);
        var objectType = string.IsNullOrEmpty(query.ObjectType) ? null : query.ObjectType;
        var objects = (query.Objects ?? []).Where(o => !string.IsNullOrEmpty(o)).ToList();
        var parsed = RangeQuery.Parse(range, read.Now.AddDays(1), read.Calendar, Storage.Period.Day, readPeriod: false);
        var values = await statistics.ValuesAsync(new StatisticQuery([stored.Metric.Id], period, parsed.From, parsed.To, objectType, objects), cancellationToken);
        if (format.IsCsv)
        {
            return Tabular.Csv($"{domain}-{metric}.csv", ["date", "period", "objectType", "object", "value"], values.Select(v => (IReadOnlyList<object?>)[v.Date, v.Period.ToString(), v.ObjectType, v.ObjectKey, v.Value]));
        }

        // The days before, as many; but only as far into them as this range has run, so a range that
        // ends tomorrow (to include today) compares its days so far with as many days.
        var before = parsed.Previous(read.Calendar);
        var elapsed = read.Now - parsed.From;
        var beforeTo = elapsed < before.To - before.From ? before.From + elapsed : before.To;
        var previous = await statistics.ValuesAsync(new StatisticQuery([stored.Metric.Id], period, before.From, beforeTo, objectType, objects), cancellationToken);
        return TypedResults.Ok(new MetricSeries(domain, metric, stored.Metric.Name, period.ToString(), read.Calendar.TimeZone.Id, objectType, [.. values.Select(MetricValue.Of)])
        {
            From = parsed.From,
            PreviousFrom = before.From,
            PreviousTo = beforeTo,
            Previous = [.. previous.Select(MetricValue.Of)],
        });
    }

    private static StatisticPeriod ParsePeriod(string? text) =>
        string.IsNullOrEmpty(text) ? StatisticPeriod.Day
        : StatisticPeriods.TryParse(text, out var period) ? period
        : throw new AdminBadRequestException("period", $"'{text}' is not a statistics period; use hour, day, week, days28, month, year or lifetime.");
}

/// <summary>A metric's filters: <c>objectType</c> and <c>object</c> (repeatable).</summary>
public sealed record MetricParameters(
    string? ObjectType,
    [property: FromQuery(Name = "object")] string[]? Objects);

/// <summary>A statistics domain with its metrics.</summary>
public sealed record StatisticsDomain(string Ref, string Name, string? Description, IReadOnlyList<StatisticsMetric> Metrics);

/// <summary>A metric of a statistics domain.</summary>
public sealed record StatisticsMetric(string Ref, string Name, string? Description);

/// <summary>
/// A metric's values over a range, in one statistics period, and over the range before it for comparison:
/// as many days from <see cref="PreviousFrom"/>, up to <see cref="PreviousTo"/> (as far as this range has run).
/// </summary>
public sealed record MetricSeries(string Domain, string Metric, string Name, string Period, string TimeZone, string? ObjectType, IReadOnlyList<MetricValue> Values)
{
    public DateTime? From { get; init; }

    public DateTime? PreviousFrom { get; init; }

    public DateTime? PreviousTo { get; init; }

    public IReadOnlyList<MetricValue>? Previous { get; init; }
}

/// <summary>A metric's value on a date, about an object (empty: about everything).</summary>
public sealed record MetricValue(DateTime Date, string Object, decimal? Value)
{
    public static MetricValue Of(Statistic value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new MetricValue(value.Date, value.ObjectKey, value.Value);
    }
}
