using StockAndFlow.Storage;
using Microsoft.AspNetCore.Mvc;
using StockAndFlow.Definitions;
using StockAndFlow.Insights;
using StockAndFlow.Admin.Api;
using StockAndFlow.Admin.Reading;
using StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Shared;

namespace StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Insights;

/// <summary>Insights: a dashboard of counters and gauges, a page per chart insight, and the run history.</summary>
public sealed class InsightsController(StockAndFlowModel model, InsightsReader insights) : AdminController
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var latest = await insights.LatestAsync(cancellationToken);
        var lastRun = await insights.LastRunAsync(cancellationToken);
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

        var history = await insights.HistoryAsync(slug, 20, cancellationToken);
        return View(new InsightPage(insight, history.Latest, history.Points, history.Results) { Previous = history.Previous });
    }

    [HttpGet]
    public async Task<IActionResult> Runs(CancellationToken cancellationToken)
    {
        var (page, pageSize) = MembersRequest.ParsePage(Request);
        var total = await insights.CountRunsAsync(cancellationToken);
        var runs = await insights.RunsAsync(page, pageSize, cancellationToken);
        return View(new InsightRunsPage(runs.Runs, runs.Failures, page, pageSize, total));
    }
}

public sealed record InsightTile(InsightDefinition Insight, InsightResult? Latest, InsightResult? Previous);

public sealed record InsightsIndexPage(IReadOnlyList<InsightTile> Tiles, InsightRun? LastRun);

public sealed record InsightPage(InsightDefinition Insight, InsightResult? Latest, IReadOnlyList<InsightPoint> Points, IReadOnlyList<InsightResult> History)
{
    /// <summary>The successful collection before <see cref="Latest"/>, which its figures compare with.</summary>
    public InsightResult? Previous { get; init; }
}

public sealed record InsightRunsPage(IReadOnlyList<InsightRun> Runs, IReadOnlyList<InsightResult> Failures, int Page, int PageSize, int Total)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}
