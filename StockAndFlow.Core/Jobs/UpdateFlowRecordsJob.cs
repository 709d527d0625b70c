using StockAndFlow.Counting;
using StockAndFlow.Storage;
using Microsoft.Extensions.DependencyInjection;
using StockAndFlow.Hosting;

namespace StockAndFlow.Jobs;

/// <summary>Brings flow records up to date (incremental; safe to run twice or on two servers at once).</summary>
public sealed class UpdateFlowRecordsJob(IServiceScopeFactory scopes, FlowRecordUpdater updater)
{
    /// <summary>Runs the update; returns the number of records written.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateStockAndFlowScope();
        var db = scope.Db;
        return await updater.UpdateAsync(db, cancellationToken);
    }
}
