using StockAndFlow.Admin.Api;
using StockAndFlow.Definitions;
using StockAndFlow.Reading;

namespace StockAndFlow.Admin.Reading;

/// <summary>A stock's projection from its live count and its measured flows, for the projection page and API.</summary>
public sealed class ProjectionReader(StockProjection projection, LiveCounts counts, StockAndFlowModel model, AdminDatabase database)
{
    /// <summary>Projects <paramref name="stock"/> with rates measured over <paramref name="range"/> in its period.</summary>
    public async Task<StockProjectionResult> ProjectAsync(Stock stock, RangeQuery range, (int Ahead, IReadOnlyDictionary<string, double> Factors) what, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(range);
        var current = (await counts.TotalsAsync(database.Context, [stock], cancellationToken))[0];
        return await projection.ProjectAsync(database.Context, model, stock, current, range.Period, range.From, range.To, what.Ahead, what.Factors, cancellationToken);
    }
}
