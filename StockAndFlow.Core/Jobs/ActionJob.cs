using StockAndFlow.Actions;

namespace StockAndFlow.Jobs;

/// <summary>Runs a large action execution in the background; a retry of a finished one does nothing.</summary>
public sealed class ActionJob(ActionExecutions executions)
{
    /// <summary>Runs execution <paramref name="executionId"/>.</summary>
    public Task RunAsync(long executionId, CancellationToken cancellationToken) => executions.RunAsync(executionId, cancellationToken);
}
