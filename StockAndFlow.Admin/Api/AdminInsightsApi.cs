using System.Globalization;
using Microsoft.EntityFrameworkCore;
using StockAndFlow.Definitions;
using StockAndFlow.Insights;
using StockAndFlow.Statistics;

namespace StockAndFlow.Admin.Api;

/// <summary>The admin API for statistics (domains, metrics, series) and insights (latest answers, history, runs).</summary>
internal static class AdminInsightsApi
{
    public static RouteGroupBuilder MapAdminInsightsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/statistics", async (HttpContext http, CancellationToken ct) =>
        {
            var db = AdminApi.Db(http);
            var domains = await db.Set<StatisticDomain>().AsNoTracking().OrderBy(d => d.Ref).ToListAsync(ct);
            var metrics = await db.Set<StatisticMetric>().AsNoTracking().OrderBy(m => m.Ref).ToListAsync(ct);
            return Results.Ok(domains.Select(d => new
            {
                d.Ref,
                d.Name,
                d.Description,
                metrics = metrics.Where(m => m.DomainId == d.Id).Select(m => new { m.Ref, m.Name, m.Description }),
            }));
        });

        api.MapGet("/statistics/{domain}/{metric}", async (string domain, string metric, HttpContext http, AdminReadModel read, CancellationToken ct) =>
        {
            var db = AdminApi.Db(http);
            var stored = await FindMetricAsync(db, domain, metric, ct);
            if (stored is null)
            {
                return AdminProblems.NotFound("metric", $"{domain}/{metric}");
            }

            var q = http.Request.Query;
            var period = ParsePeriod(q["period"]);
            var objectType = string.IsNullOrEmpty(q["objectType"]) ? null : q["objectType"].ToString();
            var objects = q["object"].Where(o => !string.IsNullOrEmpty(o)).Select(o => o!).ToList();
            var range = RangeQuery.Parse(http.Request, read.Now.AddDays(1), read.Calendar, Records.Period.Day, readPeriod: false);
            var values = await StatisticsStore.QueryAsync(db, new StatisticQuery([stored.Id], period, range.From, range.To, objectType, objects), ct);
            return Tabular.WantsCsv(http.Request)
                ? Tabular.Csv($"{domain}-{metric}.csv", ["date", "period", "objectType", "object", "value"], values.Select(v => (IReadOnlyList<object?>)[v.Date, v.Period.ToString(), v.ObjectType, v.ObjectKey, v.Value]))
                : Results.Ok(new
                {
                    domain,
                    metric,
                    name = stored.Name,
                    period = period.ToString(),
                    timeZone = read.Calendar.TimeZone.Id,
                    objectType,
                    values = values.Select(v => new { v.Date, Object = v.ObjectKey, v.Value }),
                });
        });

        api.MapGet("/insights", async (HttpContext http, StockAndFlowModel model, CancellationToken ct) =>
        {
            var latest = await InsightCollector.LatestAsync(AdminApi.Db(http), ct);
            return Results.Ok(model.Insights.Select(i => Summary(i, latest.TryGetValue(i.Slug, out var r) ? r : default)));
        });

        api.MapGet("/insights/runs", async (HttpContext http, CancellationToken ct) =>
        {
            var (page, pageSize) = MembersRequest.ParsePage(http.Request);
            var db = AdminApi.Db(http);
            var runs = await db.Set<InsightRun>().AsNoTracking().OrderByDescending(r => r.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
            var ids = runs.Select(r => r.Id).ToList();
            var failures = await db.Set<InsightResult>().AsNoTracking().Where(r => ids.Contains(r.RunId) && !r.Succeeded).ToListAsync(ct);
            return Results.Ok(runs.Select(r => new { r.Id, r.StartedAt, r.FinishedAt, r.Succeeded, r.Failed, failures = failures.Where(f => f.RunId == r.Id).Select(f => new { f.Insight, f.Error }) }));
        });

        api.MapGet("/insights/{slug}", async (string slug, HttpContext http, StockAndFlowModel model, CancellationToken ct) =>
        {
            if (model.Insights.FirstOrDefault(i => i.Slug == slug) is not { } insight)
            {
                return AdminProblems.NotFound("insight", slug);
            }

            var db = AdminApi.Db(http);
            var history = await db.Set<InsightResult>().AsNoTracking().Where(r => r.Insight == slug).OrderByDescending(r => r.RunId).Take(100).ToListAsync(ct);
            var latest = history.FirstOrDefault(r => r.Succeeded);
            var points = latest is null ? [] : InsightCollector.Points(latest);
            if (Tabular.WantsCsv(http.Request))
            {
                return Tabular.Csv($"{slug}.csv", ["x", "at", "y", "category"], points.Select(p => (IReadOnlyList<object?>)[p.X, p.At, p.Y, p.Category]));
            }

            return Results.Ok(new
            {
                insight = Summary(insight, latest is null ? default : (latest, null)),
                points,
                history = history.Select(r => new { r.RunId, r.CollectedAt, r.Succeeded, r.Error, r.Counter, r.Gauge }),
            });
        });

        return api;
    }

    private static object Summary(InsightDefinition insight, (InsightResult Latest, InsightResult? Previous) result) => new
    {
        insight.Slug,
        Kind = insight.Kind.ToString(),
        insight.Question,
        insight.Description,
        insight.XLabel,
        insight.YLabel,
        Value = result.Latest?.Counter is { } c ? c : result.Latest?.Gauge,
        Previous = result.Previous?.Counter is { } p ? p : result.Previous?.Gauge,
        CollectedAt = result.Latest?.CollectedAt,
    };

    private static async Task<StatisticMetric?> FindMetricAsync(DbContext db, string domain, string metric, CancellationToken ct)
    {
        var d = await db.Set<StatisticDomain>().AsNoTracking().SingleOrDefaultAsync(x => x.Ref == domain, ct);
        return d is null ? null : await db.Set<StatisticMetric>().AsNoTracking().SingleOrDefaultAsync(m => m.DomainId == d.Id && m.Ref == metric, ct);
    }

    private static StatisticPeriod ParsePeriod(string? text) =>
        string.IsNullOrEmpty(text) ? StatisticPeriod.Day
        : !int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) && Enum.TryParse<StatisticPeriod>(text, ignoreCase: true, out var period) && Enum.IsDefined(period) ? period
        : throw new AdminBadRequestException("period", $"'{text}' is not a statistics period; use hour, day, week, days28, month, year or lifetime.");
}
