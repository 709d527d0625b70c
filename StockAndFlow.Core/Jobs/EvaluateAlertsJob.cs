using Microsoft.Extensions.DependencyInjection;
using StockAndFlow.Alerts;
using StockAndFlow.Storage;

namespace StockAndFlow.Jobs;

/// <summary>Evaluates every declared alert (<see cref="JobIds.Alerts"/>); safe to run twice.</summary>
public sealed class EvaluateAlertsJob(IServiceScopeFactory scopes, AlertEvaluator evaluator)
{
    /// <summary>Evaluates the alerts; returns how many hold.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateStockAndFlowScope();
        return (await evaluator.EvaluateAsync(scope.Db, cancellationToken)).Count(s => s.Firing);
    }
}
