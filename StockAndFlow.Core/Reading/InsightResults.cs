using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using StockAndFlow.Definitions;
using StockAndFlow.Storage;

namespace StockAndFlow.Reading;

/// <summary>Reads collected insight results: the latest of each insight, and a chart result's points.</summary>
public static class InsightResults
{
    /// <summary>The latest result of each insight, and the one before it (for "change since the previous run").</summary>
    public static async Task<Dictionary<string, (InsightResult Latest, InsightResult? Previous)>> LatestAsync(DbContext db, CancellationToken cancellationToken = default)
    {
        var recent = await db.Set<InsightResult>().AsNoTracking()
            .Where(r => r.Succeeded)
            .OrderByDescending(r => r.RunId)
            .Take(5000)
            .ToListAsync(cancellationToken);
        return recent.GroupBy(r => r.Insight).ToDictionary(g => g.Key, g =>
        {
            var ordered = g.OrderByDescending(r => r.RunId).ToList();
            return (ordered[0], ordered.Count > 1 ? ordered[1] : null);
        });
    }

    /// <summary>The points of a stored chart result.</summary>
    public static IReadOnlyList<InsightPoint> Points(InsightResult result) =>
        result.PointsJson is null ? [] : JsonSerializer.Deserialize<List<InsightPoint>>(result.PointsJson) ?? [];
}
