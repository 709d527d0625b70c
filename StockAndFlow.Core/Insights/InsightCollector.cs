using StockAndFlow.Storage;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StockAndFlow.Definitions;
using StockAndFlow.Hosting;

namespace StockAndFlow.Insights;

/// <summary>
/// Collects every insight into a new <see cref="InsightRun"/>. Each insight runs in its own DI scope and
/// DbContext: one that throws is recorded as failed with its error and the others still collect. Runs
/// are kept (django-insights wiped its database each run and exited 0 on error).
/// </summary>
public sealed partial class InsightCollector(StockAndFlowModel model, IServiceScopeFactory scopes, TimeProvider time, ILogger<InsightCollector> logger)
{
    /// <summary>Collects every insight; returns the finished run.</summary>
    public async Task<InsightRun> CollectAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateStockAndFlowScope();
        var db = scope.Db;
        var run = new InsightRun { StartedAt = time.GetUtcNow().UtcDateTime };
        db.Add(run);
        await db.SaveChangesAsync(cancellationToken);

        foreach (var insight in model.Insights)
        {
            var result = await CollectOneAsync(insight, run.Id, cancellationToken);
            db.Add(result);
            if (result.Succeeded)
            {
                run.Succeeded++;
            }
            else
            {
                run.Failed++;
            }
        }

        run.FinishedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return run;
    }

    private async Task<InsightResult> CollectOneAsync(InsightDefinition insight, long runId, CancellationToken cancellationToken)
    {
        var result = new InsightResult { RunId = runId, Insight = insight.Slug, Kind = insight.Kind };
        try
        {
            await using var scope = scopes.CreateStockAndFlowScope();
            var answer = await insight.Collect(new InsightContext(scope.Db, scope.Services, time.GetUtcNow().UtcDateTime), cancellationToken);
            result.Succeeded = true;
            result.Counter = answer.Counter;
            result.Gauge = answer.Gauge;
            result.PointsJson = insight.Kind is InsightKind.Counter or InsightKind.Gauge ? null : JsonSerializer.Serialize(answer.Points);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, ex, insight.Slug);
            result.Succeeded = false;
            result.Error = ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message;
        }

        result.CollectedAt = time.GetUtcNow().UtcDateTime;
        return result;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Insight '{Insight}' failed; the other insights were collected.")]
    private static partial void LogFailed(ILogger logger, Exception exception, string insight);
}
