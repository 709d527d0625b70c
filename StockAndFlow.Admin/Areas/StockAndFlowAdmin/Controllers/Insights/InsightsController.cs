using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using StockAndFlow.Definitions;
using StockAndFlow.Insights;
using StockAndFlow.Admin.Api;
using StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Shared;

namespace StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Insights;

/// <summary>Insights: a dashboard of counters and gauges, a page per chart insight, and the run history.</summary>
public sealed class InsightsController(StockAndFlowModel model) : AdminController
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var latest = await InsightCollector.LatestAsync(Db, cancellationToken);
        var lastRun = await Db.Set<InsightRun>().AsNoTracking().OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        return View(new InsightsIndexPage(
            [.. model.Insights.Select(i => new InsightTile(i, latest.TryGetValue(i.Slug, out var r) ? r.Latest : null, latest.TryGetValue(i.Slug, out var q) ? q.Previous : null))],
            lastRun));
    }

    [HttpGet]
    public async Task<IActionResult> Show(string slug, CancellationToken cancellationToken)
    {
        if (model.Insights.FirstOrDefault(i => i.Slug == slug) is not { } insight)
        {
            return NotFoundPage("insight", slug);
        }

        var history = await Db.Set<InsightResult>().AsNoTracking().Where(r => r.Insight == slug).OrderByDescending(r => r.RunId).Take(20).ToListAsync(cancellationToken);
        var latest = history.FirstOrDefault(r => r.Succeeded);
        return View(new InsightPage(insight, latest, latest is null ? [] : InsightCollector.Points(latest), history));
    }

    [HttpGet]
    public async Task<IActionResult> Runs(CancellationToken cancellationToken)
    {
        var (page, pageSize) = MembersRequest.ParsePage(Request);
        var total = await Db.Set<InsightRun>().CountAsync(cancellationToken);
        var runs = await Db.Set<InsightRun>().AsNoTracking().OrderByDescending(r => r.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        var ids = runs.Select(r => r.Id).ToList();
        var failures = await Db.Set<InsightResult>().AsNoTracking().Where(r => ids.Contains(r.RunId) && !r.Succeeded).ToListAsync(cancellationToken);
        return View(new InsightRunsPage(runs, failures, page, pageSize, total));
    }
}

public sealed record InsightTile(InsightDefinition Insight, InsightResult? Latest, InsightResult? Previous);

public sealed record InsightsIndexPage(IReadOnlyList<InsightTile> Tiles, InsightRun? LastRun);

public sealed record InsightPage(InsightDefinition Insight, InsightResult? Latest, IReadOnlyList<InsightPoint> Points, IReadOnlyList<InsightResult> History);

public sealed record InsightRunsPage(IReadOnlyList<InsightRun> Runs, IReadOnlyList<InsightResult> Failures, int Page, int PageSize, int Total)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}
