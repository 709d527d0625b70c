using StockAndFlow.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StockAndFlow.Counting;
using StockAndFlow.Definitions;
using StockAndFlow.Hosting;

namespace StockAndFlow.Jobs;

/// <summary>
/// Recounts every stock in full and stores its bridge (<see cref="StockRecounter"/>): the periodic truth
/// live counts start from. Stocks of one entity type are recounted together; a failing type is logged
/// with its stocks and rethrown at the end so the scheduler retries. A stock whose bridge has an
/// unexplained change is logged as a warning.
/// </summary>
public sealed partial class RecountStocksJob(
    IServiceScopeFactory scopes,
    StockAndFlowModel model,
    StockRecounter recounter,
    TimeProvider time,
    ILogger<RecountStocksJob> logger)
{
    /// <summary>Runs the recount; returns the number of stocks recounted.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow().UtcDateTime;
        var recounted = 0;
        Exception? first = null;
        foreach (var group in model.Stocks.GroupBy(s => s.EntityType))
        {
            try
            {
                await using var scope = scopes.CreateStockAndFlowScope();
                foreach (var recount in await recounter.RecountAsync(scope.Db, [.. group], at, cancellationToken))
                {
                    recounted++;
                    if (recount.Unexplained != 0)
                    {
                        LogUnexplained(logger, recount.Stock, recount.Unexplained);
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex, string.Join(", ", group.Select(s => s.Slug)));
                first ??= ex;
            }
        }

        return first is null ? recounted : throw new StockAndFlowJobException($"Recount recorded {recounted} stocks; some failed.", first);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stock '{Stock}' changed by {Unexplained} members that no captured write explains since its last recount.")]
    private static partial void LogUnexplained(ILogger logger, string stock, long unexplained);

    [LoggerMessage(Level = LogLevel.Error, Message = "Recount of stocks '{Stocks}' failed.")]
    private static partial void LogFailed(ILogger logger, Exception exception, string stocks);
}
