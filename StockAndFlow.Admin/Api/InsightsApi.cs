using StockAndFlow.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using StockAndFlow.Admin.Reading;
using StockAndFlow.Definitions;
using StockAndFlow.Insights;

namespace StockAndFlow.Admin.Api;

/// <summary>The insights API: every insight's latest answer, one insight's points and history, and the collection runs.</summary>
internal static class InsightsApi
{
    /// <summary>How many of an insight's results its answer lists.</summary>
    private const int HistoryLength = 100;

    public static RouteGroupBuilder MapInsightsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/insights", GetInsightsAsync);
        api.MapGet("/insights/runs", GetRunsAsync);
        api.MapGet("/insights/{slug}", GetInsightAsync);
        return api;
    }

    private static async Task<Ok<IReadOnlyList<InsightSummary>>> GetInsightsAsync(StockAndFlowModel model, InsightsReader insights, CancellationToken cancellationToken)
    {
        var latest = await insights.LatestAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<InsightSummary>>([.. model.Insights.Select(i => latest.TryGetValue(i.Slug, out var r)
            ? InsightSummary.Of(i, r.Latest, r.Previous)
            : InsightSummary.Of(i, null, null))]);
    }

    private static async Task<Ok<IReadOnlyList<InsightRunEntry>>> GetRunsAsync([AsParameters] PageParameters paging, InsightsReader insights, CancellationToken cancellationToken)
    {
        var (page, pageSize) = paging.Parse();
        var runs = await insights.RunsAsync(page, pageSize, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<InsightRunEntry>>([.. runs.Runs.Select(r => new InsightRunEntry(
            r.Id,
            r.StartedAt,
            r.FinishedAt,
            r.Succeeded,
            r.Failed,
            [.. runs.Failures.Where(f => f.RunId == r.Id).Select(f => new InsightFailure(f.Insight, f.Error))]))]);
    }

    private static async Task<Results<Ok<InsightAnswer>, FileContentHttpResult, ProblemHttpResult>> GetInsightAsync(
        string slug, [AsParameters] TableFormat format, StockAndFlowModel model, InsightsReader insights, CancellationToken cancellationToken)
    {
        if (model.Insights.FirstOrDefault(i => i.Slug == slug) is not { } insight)
        {
            return AdminProblems.NotFound("insight", slug);
        }

        var history = await insights.HistoryAsync(slug, HistoryLength, cancellationToken);
        return format.IsCsv
            ? Tabular.Csv($"{slug}.csv", ["x", "at", "y", "category"], history.Points.Select(p => (IReadOnlyList<object?>)[p.X, p.At, p.Y, p.Category]))
            : TypedResults.Ok(new InsightAnswer(
                InsightSummary.Of(insight, history.Latest, history.Previous),
                history.Points,
                [.. history.Results.Select(r => new InsightResultEntry(r.RunId, r.CollectedAt, r.Succeeded, r.Error, r.Counter, r.Gauge))])
            {
                PreviousCollectedAt = history.Previous?.CollectedAt,
                PreviousPoints = history.PreviousPoints,
            });
    }
}

/// <summary>An insight with its latest collected value and the one before.</summary>
public sealed record InsightSummary(string Slug, string Kind, string Question, string? Description, string? XLabel, string? YLabel, decimal? Value, decimal? Previous, DateTime? CollectedAt)
{
    public static InsightSummary Of(InsightDefinition insight, InsightResult? latest, InsightResult? previous)
    {
        ArgumentNullException.ThrowIfNull(insight);
        return new InsightSummary(
            insight.Slug,
            insight.Kind.ToString(),
            insight.Question,
            insight.Description,
            insight.XLabel,
            insight.YLabel,
            latest?.Counter is { } c ? c : latest?.Gauge,
            previous?.Counter is { } p ? p : previous?.Gauge,
            latest?.CollectedAt);
    }
}

/// <summary>
/// An insight's latest answer, its points, and its recent results; with the points of the successful
/// collection before (collected at <see cref="PreviousCollectedAt"/>), which the charts draw fainter.
/// </summary>
public sealed record InsightAnswer(InsightSummary Insight, IReadOnlyList<InsightPoint> Points, IReadOnlyList<InsightResultEntry> History)
{
    public DateTime? PreviousCollectedAt { get; init; }

    public IReadOnlyList<InsightPoint> PreviousPoints { get; init; } = [];
}

/// <summary>One collected result of an insight.</summary>
public sealed record InsightResultEntry(long RunId, DateTime CollectedAt, bool Succeeded, string? Error, long? Counter, decimal? Gauge);

/// <summary>A collection run with its failures.</summary>
public sealed record InsightRunEntry(long Id, DateTime StartedAt, DateTime? FinishedAt, int Succeeded, int Failed, IReadOnlyList<InsightFailure> Failures);

/// <summary>An insight that failed in a run, and why.</summary>
public sealed record InsightFailure(string Insight, string? Error);
