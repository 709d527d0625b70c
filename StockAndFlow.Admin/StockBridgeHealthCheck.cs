using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StockAndFlow.Admin.Reading;

namespace StockAndFlow.Admin;

/// <summary>
/// Degraded when a stock's last bridge leaves more members unexplained than
/// <see cref="StockAndFlowAdminOptions.UnexplainedThreshold"/>: something writes behind capture's back
/// (an <c>ExecuteUpdate</c>, raw SQL, another application), so flows no longer account for the counts.
/// Each such stock is named in the result and in a warning.
/// </summary>
public sealed partial class StockBridgeHealthCheck(BridgeReader bridges, IOptions<StockAndFlowAdminOptions> options, ILogger<StockBridgeHealthCheck> logger) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var threshold = options.Value.UnexplainedThreshold;
        var over = (await bridges.UnexplainedAsync(cancellationToken)).Where(u => Math.Abs(u.Value) > threshold).OrderBy(u => u.Key, StringComparer.Ordinal).ToList();
        foreach (var (stock, unexplained) in over)
        {
            LogUnexplained(logger, stock, unexplained, threshold);
        }

        return over.Count == 0
            ? HealthCheckResult.Healthy("Every stock's last bridge is explained by captured writes.")
            : new HealthCheckResult(
                context.Registration.FailureStatus,
                $"Unexplained changes at the last recount: {string.Join(", ", over.Select(u => $"{u.Key} ({u.Value:+#;-#;0})"))}.",
                data: over.ToDictionary(u => u.Key, u => (object)u.Value));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stock '{Stock}' changed by {Unexplained} members at its last recount that no captured write explains (threshold {Threshold}).")]
    private static partial void LogUnexplained(ILogger logger, string stock, long unexplained, long threshold);
}
