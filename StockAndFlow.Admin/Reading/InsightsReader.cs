using StockAndFlow.Reading;
using StockAndFlow.Definitions;
using StockAndFlow.Storage;
using Microsoft.EntityFrameworkCore;
using StockAndFlow.Insights;

namespace StockAndFlow.Admin.Reading;

/// <summary>Collected insights: latest answers, one insight's history and the collection runs, for the insight pages and API.</summary>
public sealed class InsightsReader(AdminDatabase database)
{
    private DbContext Db => database.Context;

    /// <summary>Each insight's latest successful result and the one before, by slug.</summary>
    public Task<Dictionary<string, (InsightResult Latest, InsightResult? Previous)>> LatestAsync(CancellationToken cancellationToken) =>
        InsightResults.LatestAsync(Db, cancellationToken);

    /// <summary>The newest collection run, if any.</summary>
    public Task<InsightRun?> LastRunAsync(CancellationToken cancellationToken) =>
        Db.Set<InsightRun>().AsNoTracking().OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The insight's newest <paramref name="take"/> results, newest run first, with the points of the latest successful one.</summary>
    public async Task<InsightHistory> HistoryAsync(string slug, int take, CancellationToken cancellationToken)
    {
        var results = await Db.Set<InsightResult>().AsNoTracking().Where(r => r.Insight == slug).OrderByDescending(r => r.RunId).Take(take).ToListAsync(cancellationToken);
        var succeeded = results.Where(r => r.Succeeded).Take(2).ToList();
        var latest = succeeded.FirstOrDefault();
        var previous = succeeded.Skip(1).FirstOrDefault();
        return new InsightHistory(results, latest, latest is null ? [] : InsightResults.Points(latest))
        {
            Previous = previous,
            PreviousPoints = previous is null ? [] : InsightResults.Points(previous),
        };
    }

    /// <summary>A page of collection runs, newest first, with the failed results of those runs.</summary>
    public async Task<InsightRunPage> RunsAsync(int page, int pageSize, CancellationToken cancellationToken)
    {
        var runs = await Db.Set<InsightRun>().AsNoTracking().OrderByDescending(r => r.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        var ids = runs.Select(r => r.Id).ToList();
        var failures = await Db.Set<InsightResult>().AsNoTracking().Where(r => ids.Contains(r.RunId) && !r.Succeeded).ToListAsync(cancellationToken);
        return new InsightRunPage(runs, failures);
    }

    /// <summary>How many collection runs are stored.</summary>
    public Task<int> CountRunsAsync(CancellationToken cancellationToken) => Db.Set<InsightRun>().CountAsync(cancellationToken);
}

/// <summary>An insight's recent results, newest first, the latest successful one with its points, and the successful one before it with its points.</summary>
public sealed record InsightHistory(IReadOnlyList<InsightResult> Results, InsightResult? Latest, IReadOnlyList<InsightPoint> Points)
{
    public InsightResult? Previous { get; init; }

    public IReadOnlyList<InsightPoint> PreviousPoints { get; init; } = [];
}

/// <summary>Collection runs and the failed results among them.</summary>
public sealed record InsightRunPage(IReadOnlyList<InsightRun> Runs, IReadOnlyList<InsightResult> Failures);
