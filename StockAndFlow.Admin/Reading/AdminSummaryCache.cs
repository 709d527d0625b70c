using Microsoft.Extensions.Options;

namespace StockAndFlow.Admin.Reading;

/// <summary>
/// The summaries <see cref="AdminReadModel"/> reuses across requests (see <see cref="SummaryCache{TValue}"/>):
/// a singleton, so every request and operator shares them.
/// </summary>
public sealed class AdminSummaryCache(TimeProvider time, IOptions<StockAndFlowAdminOptions> options)
{
    internal SummaryCache<IReadOnlyList<StockSummary>> Stocks { get; } = new(time, TimeSpan.FromSeconds(options.Value.SummaryCacheSeconds));

    internal SummaryCache<IReadOnlyList<FlowSummary>> Flows { get; } = new(time, TimeSpan.FromSeconds(options.Value.SummaryCacheSeconds));

    internal SummaryCache<StockDetail> Details { get; } = new(time, TimeSpan.FromSeconds(options.Value.SummaryCacheSeconds));
}
