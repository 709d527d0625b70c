using StockAndFlow.Storage;
using Microsoft.AspNetCore.Mvc;
using StockAndFlow.Statistics;
using StockAndFlow.Admin.Api;
using StockAndFlow.Admin.Reading;
using StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Shared;

namespace StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Statistics;

/// <summary>Stored statistics: domains and metrics, and a metric's chart and table by period, range and object.</summary>
public sealed class StatisticsController(AdminReadModel read, StatisticsReader statistics) : AdminController
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var domains = await statistics.DomainsAsync(cancellationToken);
        var counts = await statistics.ValueCountsAsync(cancellationToken);
        return View(new StatisticsIndexPage([.. domains.Select(d => new DomainRow(d.Domain, [.. d.Metrics.Select(m =>
            counts.TryGetValue(m.Id, out var c) ? new MetricRow(m, c.Count, c.Last) : new MetricRow(m, 0, null))]))]));
    }

    [HttpGet]
    public async Task<IActionResult> Metric(string domain, string metric, CancellationToken cancellationToken)
    {
        if (await statistics.FindMetricAsync(domain, metric, cancellationToken) is not { } stored)
        {
            return NotFoundPage("metric", $"{domain}/{metric}");
        }

        var (d, m) = stored;
        var periods = await statistics.PeriodsAsync(m, cancellationToken);
        var periodText = Request.Query["period"].ToString();
        var period = periodText.Length > 0
            ? (StatisticPeriods.TryParse(periodText, out var p) ? p : throw new AdminBadRequestException("period", $"'{periodText}' is not a statistics period."))
            : periods.Count == 0 ? StatisticPeriod.Day : periods.Contains(StatisticPeriod.Day) ? StatisticPeriod.Day : periods.Min();
        var objectTypes = await statistics.ObjectTypesAsync(m, cancellationToken);
        var objectType = Request.Query["objectType"].ToString() is { Length: > 0 } type ? type : null;
        // Without a range asked for, one long enough to show several values of the period.
        var parameters = RangeParameters.Read(Request.Query);
        var rangeName = parameters.From is null && string.IsNullOrEmpty(parameters.Range) ? DefaultRange(period) : parameters.Range;
        var range = RangeQuery.Parse(parameters with { Range = rangeName }, read.Now.AddDays(1), read.Calendar, Storage.Period.Day, readPeriod: false);
        var values = await statistics.ValuesAsync(new StatisticQuery([m.Id], period, range.From, range.To, objectType), cancellationToken);
        var format = read.Model.Domains.FirstOrDefault(x => x.Ref == d.Ref)?.Metrics.FirstOrDefault(x => x.Ref == m.Ref)?.ValueFormat ?? Definitions.ValueFormat.Auto;
        return View(new MetricPage(d, m, period, [.. periods.Order()], objectType, objectTypes, range, values) { RangeName = parameters.From is null ? rangeName : null, Format = format });
    }

    private static string DefaultRange(StatisticPeriod period) => period switch
    {
        StatisticPeriod.Day => "30d",
        StatisticPeriod.Week => "90d",
        _ => "1y",
    };
}

public sealed record MetricRow(StatisticMetric Metric, int Values, DateTime? Last);

public sealed record DomainRow(StatisticDomain Domain, IReadOnlyList<MetricRow> Metrics);

public sealed record StatisticsIndexPage(IReadOnlyList<DomainRow> Domains);

public sealed record MetricPage(StatisticDomain Domain, StatisticMetric Metric, StatisticPeriod Period, IReadOnlyList<StatisticPeriod> Periods, string? ObjectType, IReadOnlyList<string> ObjectTypes, RangeQuery Range, IReadOnlyList<Statistic> Values)
{
    /// <summary>The range shortcut the page uses (30d, 90d, 1y); null when from and to were given.</summary>
    public string? RangeName { get; init; }

    /// <summary>How the metric's values are shown, as declared.</summary>
    public Definitions.ValueFormat Format { get; init; } = Definitions.ValueFormat.Auto;

    /// <summary>The unit written on the chart's axis: the currency or unit declared, if any.</summary>
    public string AxisLabel => Format switch
    {
        { CurrencyCode: { } code } => $"{Metric.Name} ({code})",
        { Unit: { } unit } => $"{Metric.Name} ({unit})",
        { Kind: Definitions.ValueFormatKind.Percent } => $"{Metric.Name} (ratio)",
        _ => Metric.Name,
    };
}
