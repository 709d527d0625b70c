using Microsoft.Extensions.Diagnostics.HealthChecks;
using StockAndFlow.Admin;

// Registration reads like the framework's own: services.AddHealthChecks().AddStockAndFlowBridgeCheck().
#pragma warning disable IDE0130
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Adds the stock bridge health check.</summary>
public static class StockBridgeHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds <see cref="StockBridgeHealthCheck"/> as <paramref name="name"/>, reporting Degraded (unless
    /// <paramref name="failureStatus"/> says otherwise) when a stock's last bridge leaves more than
    /// <see cref="StockAndFlowAdminOptions.UnexplainedThreshold"/> members unexplained. Needs <c>AddStockAndFlowAdmin</c>.
    /// </summary>
    public static IHealthChecksBuilder AddStockAndFlowBridgeCheck(this IHealthChecksBuilder builder, string name = "stockandflow-bridge", HealthStatus failureStatus = HealthStatus.Degraded)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddCheck<StockBridgeHealthCheck>(name, failureStatus);
    }
}
