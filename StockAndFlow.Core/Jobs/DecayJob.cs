using StockAndFlow.Moves;
using StockAndFlow.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StockAndFlow.Decay;
using StockAndFlow.Definitions;
using StockAndFlow.Hosting;

namespace StockAndFlow.Jobs;

/// <summary>Runs one decay rule; a rule whose definition was removed is skipped with a warning.</summary>
public sealed partial class DecayJob(IServiceScopeFactory scopes, StockAndFlowModel model, DecayRunner runner, ILogger<DecayJob> logger)
{
    /// <summary>Runs the rule named <paramref name="rule"/>; returns what it moved.</summary>
    public async Task<TransitionResult> RunAsync(string rule, CancellationToken cancellationToken)
    {
        if (model.FindDecayRule(rule) is not { } definition)
        {
            LogUnknownRule(logger, rule);
            return new TransitionResult(0, 0);
        }

        try
        {
            await using var scope = scopes.CreateStockAndFlowScope();
            var db = scope.Db;
            var result = await runner.RunAsync(db, definition, cancellationToken);
            LogRan(logger, rule, result.Moved);
            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRuleFailed(logger, ex, rule);
            throw new StockAndFlowJobException($"Decay rule '{rule}' failed: {ex.Message}", ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Decay rule '{Rule}' is no longer defined; nothing to run.")]
    private static partial void LogUnknownRule(ILogger logger, string rule);

    [LoggerMessage(Level = LogLevel.Information, Message = "Decay rule '{Rule}' moved {Moved} rows.")]
    private static partial void LogRan(ILogger logger, string rule, int moved);

    [LoggerMessage(Level = LogLevel.Error, Message = "Decay rule '{Rule}' failed.")]
    private static partial void LogRuleFailed(ILogger logger, Exception exception, string rule);
}
