using StockAndFlow.Actions;
using StockAndFlow.Admin.Api;
using StockAndFlow.Counting;
using StockAndFlow.Definitions;
using StockAndFlow.Reading;

namespace StockAndFlow.Admin.Reading;

/// <summary>
/// The rows of a member source — a flow's movers over a range, or a stock's members — filtered, sorted
/// and paged, their facet values, and how many of them an action would apply to: for the movers page,
/// its API and the confirmation of an action on movers.
/// </summary>
public sealed class MembersReader(ActionRunner actions, AdminDatabase database)
{
    /// <summary>The rows with an event of <paramref name="flow"/> in <paramref name="range"/> that still exist.</summary>
    public static MemberSource Movers(Flow flow, RangeQuery range)
    {
        ArgumentNullException.ThrowIfNull(range);
        return MemberSource.MoversOf(flow, range.From, range.To);
    }

    /// <summary>A page of the rows of <paramref name="source"/>, filtered and sorted as <paramref name="request"/> asks.</summary>
    public Task<MemberPage> PageAsync(MemberSource source, MembersRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return MemberQuery.PageAsync(database.Context, source, request.Selection, request.Sort, request.Descending, request.Page, request.PageSize, cancellationToken);
    }

    /// <summary>The rows of <paramref name="source"/> by each facet value, to filter by.</summary>
    public Task<IReadOnlyList<FacetCount>> FacetsAsync(MemberSource source, CancellationToken cancellationToken) =>
        MemberQuery.FacetCountsAsync(database.Context, source, cancellationToken);

    /// <summary>How many rows <paramref name="selection"/> picks that <paramref name="action"/> applies to.</summary>
    public Task<int> CountSelectionAsync(StockAction action, MemberSource source, MemberSelection selection, CancellationToken cancellationToken) =>
        actions.CountAsync(database.Context, action, source, selection, cancellationToken);
}
