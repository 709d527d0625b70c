using StockAndFlow.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StockAndFlow.Definitions;
using StockAndFlow.Hosting;
using StockAndFlow.Statistics;

namespace StockAndFlow.Jobs;

/// <summary>
/// Registers the declared domains and metrics, then runs every tracker; one failing tracker is logged
/// by name, the others still run, and the job fails at the end so the scheduler retries.
/// </summary>
public sealed partial class TrackStatisticsJob(IServiceScopeFactory scopes, StockAndFlowModel model, StatisticsStore store, TrackerRunner runner, ILogger<TrackStatisticsJob> logger)
{
    /// <summary>Runs every tracker; returns the statistics written.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        Dictionary<MetricDefinition, int> ids;
        await using (var scope = scopes.CreateStockAndFlowScope())
        {
            ids = await store.RegisterAsync(scope.Db, model.Domains, cancellationToken);
        }

        var written = 0;
        var failed = new List<string>();
        foreach (var tracker in model.Trackers)
        {
            try
            {
                await using var scope = scopes.CreateStockAndFlowScope();
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                var count = await runner.RunAsync(scope.Db, tracker, ids[tracker.Metric], cancellationToken);
                LogTracked(logger, tracker.Name, count, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                written += count;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex, tracker.Name);
                failed.Add(tracker.Name);
            }
        }

        return failed.Count == 0 ? written : throw new StockAndFlowJobException($"Trackers failed: {string.Join(", ", failed)}; the others were written.");
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Tracker {Tracker}: {Count} statistics written in {Milliseconds:0} ms.")]
    private static partial void LogTracked(ILogger logger, string tracker, int count, double milliseconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Tracker {Tracker} failed; the other trackers were run.")]
    private static partial void LogFailed(ILogger logger, Exception exception, string tracker);
}
