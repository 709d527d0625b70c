using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StockAndFlow.Counting;
using StockAndFlow.Storage;

namespace StockAndFlow.Jobs;

/// <summary>
/// Creates the flow event table's month partitions ahead (PostgreSQL) and applies
/// <see cref="StockAndFlowRetentionOptions.FlowEventMonths"/> (<see cref="FlowEventRetention"/>).
/// Safe to run twice or on two servers at once.
/// </summary>
public sealed partial class FlowEventRetentionJob(
    IServiceScopeFactory scopes,
    FlowEventRetention retention,
    IOptions<StockAndFlowRetentionOptions> options,
    ILogger<FlowEventRetentionJob> logger)
{
    /// <summary>Runs the job; returns what it did.</summary>
    public async Task<FlowEventRetentionResult> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var scope = scopes.CreateStockAndFlowScope();
        var result = await retention.RunAsync(scope.Db, settings.FlowEventMonths, settings.PartitionsAhead, settings.DeleteBatchSize, cancellationToken);
        if (result.MonthsRemoved > 0 || result.PartitionsCreated > 0)
        {
            LogDone(logger, result.PartitionsCreated, result.MonthsRemoved, result.RowsDeleted, result.KeptFrom);
        }

        return result;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Flow events: {Created} month partitions created, {Removed} months removed ({Deleted} rows deleted), kept from {KeptFrom:O}.")]
    private static partial void LogDone(ILogger logger, int created, int removed, long deleted, DateTime? keptFrom);
}
