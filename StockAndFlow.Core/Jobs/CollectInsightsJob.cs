using StockAndFlow.Insights;

namespace StockAndFlow.Jobs;

/// <summary>Collects every insight (recurring, default daily; runnable on demand from the admin).</summary>
public sealed class CollectInsightsJob(InsightCollector collector)
{
    /// <summary>Runs a collection; returns the run's id.</summary>
    public async Task<long> RunAsync(CancellationToken cancellationToken) => (await collector.CollectAsync(cancellationToken)).Id;
}
