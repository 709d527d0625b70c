using StockAndFlow.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StockAndFlow.Counting;
using StockAndFlow.Definitions;
using StockAndFlow.Hosting;

namespace StockAndFlow.Jobs;

/// <summary>
/// Counts every stock and stores its records for the current buckets. Stocks of one entity type are
/// counted together; when that fails, each stock is retried alone so one failing stock does not stop
/// the others. Failures are logged with the stock's slug and rethrown at the end so the scheduler retries.
/// </summary>
public sealed partial class SnapshotStocksJob(
    IServiceScopeFactory scopes,
    StockAndFlowModel model,
    StockSnapshotter snapshotter,
    TimeProvider time,
    ILogger<SnapshotStocksJob> logger)
{
    /// <summary>Runs the snapshot; returns the number of stocks recorded.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow().UtcDateTime;
        var failed = new List<(Stock Stock, Exception Error)>();
        var recorded = 0;
        foreach (var group in model.Stocks.GroupBy(s => s.EntityType))
        {
            if (await TryAsync([.. group], at, cancellationToken) is null)
            {
                recorded += group.Count();
                continue;
            }

            foreach (var stock in group)
            {
                if (await TryAsync([stock], at, cancellationToken) is { } error)
                {
                    LogStockFailed(logger, error, stock.Slug);
                    failed.Add((stock, error));
                }
                else
                {
                    recorded++;
                }
            }
        }

        if (failed.Count > 0)
        {
            throw new StockAndFlowJobException(
                $"Snapshot recorded {recorded} stocks but failed for: {string.Join(", ", failed.Select(f => f.Stock.Slug))}.",
                failed[0].Error);
        }

        return recorded;
    }

    private async Task<Exception?> TryAsync(IReadOnlyList<Stock> stocks, DateTime at, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateStockAndFlowScope();
            var db = scope.Db;
            await snapshotter.SnapshotAsync(db, stocks, at, cancellationToken);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return ex;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Snapshot of stock '{Stock}' failed; the other stocks were recorded.")]
    private static partial void LogStockFailed(ILogger logger, Exception exception, string stock);
}
