using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using StockAndFlow.Statistics;
using StockAndFlow.Admin.Api;
using StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Shared;

namespace StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Statistics;

/// <summary>Stored statistics: domains and metrics, and a metric's chart and table by period, range and object.</summary>
public sealed class StatisticsController(AdminReadModel read) : AdminController
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var domains = await Db.Set<StatisticDomain>().AsNoTracking().OrderBy(d => d.Ref).ToListAsync(cancellationToken);
        var metrics = await Db.Set<StatisticMetric>().AsNoTracking().OrderBy(m => m.Ref).ToListAsync(cancellationToken);
        var counts = await Db.Set<Statistic>().AsNoTracking().GroupBy(s => s.MetricId).Select(g => new { g.Key, Count = g.Count(), Last = g.Max(s => s.Date) }).ToListAsync(cancellationToken);
        return View(new StatisticsIndexPage([.. domains.Select(d => new DomainRow(d, [.. metrics.Where(m => m.DomainId == d.Id).Select(m =>
        {
            var c = counts.FirstOrDefault(x => x.Key == m.Id);
            return new MetricRow(m, c?.Count ?? 0, c?.Last);
        })]))]));
    }

    [HttpGet]
    public async Task<IActionResult> Metric(string domain, string metric, CancellationToken cancellationToken)
    {
        var d = await Db.Set<StatisticDomain>().AsNoTracking().SingleOrDefaultAsync(x => x.Ref == domain, cancellationToken);
        var m = d is null ? null : await Db.Set<StatisticMetric>().AsNoTracking().SingleOrDefaultAsync(x => x.DomainId == d.Id && x.Ref == metric, cancellationToken);
        if (d is null || m is null)
        {
            return NotFoundPage("metric", $"{domain}/{metric}");
        }

        var periods = await Db.Set<Statistic>().AsNoTracking().Where(s => s.MetricId == m.Id).Select(s => s.Period).Distinct().ToListAsync(cancellationToken);
        var periodText = Request.Query["period"].ToString();
        var period = periodText.Length > 0
            ? (Enum.TryParse<StatisticPeriod>(periodText, true, out var p) && Enum.IsDefined(p) && !int.TryParse(periodText, out _) ? p : throw new AdminBadRequestException("period", $"'{periodText}' is not a statistics period."))
            : periods.Count == 0 ? StatisticPeriod.Day : periods.Contains(StatisticPeriod.Day) ? StatisticPeriod.Day : periods.Min();
        var objectTypes = await Db.Set<Statistic>().AsNoTracking().Where(s => s.MetricId == m.Id && s.ObjectType != "").Select(s => s.ObjectType).Distinct().ToListAsync(cancellationToken);
        var objectType = Request.Query["objectType"].ToString() is { Length: > 0 } type ? type : null;
        var range = RangeQuery.Parse(Request, read.Now.AddDays(1), read.Calendar, Records.Period.Day, readPeriod: false);
        var values = await StatisticsStore.QueryAsync(Db, new StatisticQuery([m.Id], period, range.From, range.To, objectType), cancellationToken);
        return View(new MetricPage(d, m, period, [.. periods.Order()], objectType, objectTypes, range, values));
    }
}

public sealed record MetricRow(StatisticMetric Metric, int Values, DateTime? Last);

public sealed record DomainRow(StatisticDomain Domain, IReadOnlyList<MetricRow> Metrics);

public sealed record StatisticsIndexPage(IReadOnlyList<DomainRow> Domains);

public sealed record MetricPage(StatisticDomain Domain, StatisticMetric Metric, StatisticPeriod Period, IReadOnlyList<StatisticPeriod> Periods, string? ObjectType, IReadOnlyList<string> ObjectTypes, RangeQuery Range, IReadOnlyList<Statistic> Values);
