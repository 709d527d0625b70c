using StockAndFlow.Reading;
using StockAndFlow.Admin.Api;
using StockAndFlow.Counting;
using StockAndFlow.Definitions;

namespace StockAndFlow.Admin.Reading;

/// <summary>A stock's recorded history, its members and live counts, for its pages and the stock API.</summary>
public sealed class StockReader(StockHistory history, LiveCounts live, AdminDatabase database)
{
    /// <summary>The stock's recorded counts by bucket over <paramref name="range"/>.</summary>
    public Task<IReadOnlyList<LevelPoint>> HistoryAsync(Stock stock, RangeQuery range, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(range);
        return history.ReadAsync(database.Context, stock, range.From, range.To, range.Period, cancellationToken);
    }

    /// <summary>The stock's recorded counts by bucket over <paramref name="range"/>, one series per value of <paramref name="facet"/>.</summary>
    public Task<IReadOnlyList<(string? Value, IReadOnlyList<LevelPoint> Points)>> FacetHistoryAsync(Stock stock, Facet facet, RangeQuery range, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(range);
        return history.ReadFacetAsync(database.Context, stock, facet, range.From, range.To, range.Period, cancellationToken);
    }

    /// <summary>A page of the stock's members, filtered and sorted as <paramref name="request"/> asks.</summary>
    public Task<MemberPage> MembersAsync(Stock stock, MembersRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return MemberQuery.PageAsync(database.Context, stock, request.Selection, request.Sort, request.Descending, request.Page, request.PageSize, cancellationToken);
    }

    /// <summary>The stock's live count with its facet values: its last recount plus the writes since.</summary>
    public async Task<StockCount> CountAsync(Stock stock, CancellationToken cancellationToken) =>
        (await live.CountAsync(database.Context, [stock], cancellationToken))[0];
}
