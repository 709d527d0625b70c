using Microsoft.Extensions.Primitives;
using StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Stocks;
using StockAndFlow.Admin.Reading;
using StockAndFlow.Counting;
using StockAndFlow.Definitions;
using StockAndFlow.Reading;

namespace StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Shared;

/// <summary>
/// The list a stock's members and a flow's movers share: search, facet menus, active filters, the action
/// bar (ticked rows or every row matching the filter), the sortable table and the pager.
/// <see cref="Path"/> is the page's address and <see cref="Fixed"/> the query it always keeps (the
/// movers' range); <see cref="ActionUrl"/> gives an action's confirmation address.
/// </summary>
public sealed record MemberListView(
    MemberPage Rows,
    MembersState State,
    IReadOnlyList<FacetCount> Facets,
    IReadOnlyList<MemberColumnDefinition> Columns,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Cells,
    IReadOnlyList<ActionInfo> Actions,
    Func<string, string> ActionUrl,
    string Path,
    IReadOnlyList<KeyValuePair<string, StringValues>> Fixed)
{
    /// <summary>Page sizes offered.</summary>
    public static readonly IReadOnlyList<int> PageSizes = [25, 50, 100, MemberQuery.MaxPageSize];

    /// <summary>True for a flow's movers: rows carry when they moved.</summary>
    public bool Movers { get; init; }

    /// <summary>What the table says when nothing at all is listed.</summary>
    public string Empty { get; init; } = "There are no members.";

    /// <summary>The rows' name on the pager and the scope choice ("member", "members").</summary>
    public (string One, string Many) Noun => Movers ? ("mover", "movers") : ("member", "members");

    /// <summary>The page with <paramref name="state"/>.</summary>
    public string Link(MembersState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return AdminUrls.WithQuery(Path, [.. Fixed, .. state.Query()]);
    }

    /// <summary>The page without any filter.</summary>
    public string Clear => AdminUrls.WithQuery(Path, Fixed);

    /// <summary>The property a column sorts by, when the member query can sort by it; null for related or computed values.</summary>
    public string? SortKey(MemberColumnDefinition column) =>
        column?.Property is { } property && Rows.Columns.Any(c => c.Name == property) ? property : null;

    /// <summary>The name of the facet being filtered by, if any.</summary>
    public string? FacetName => State.Facet is { } slug ? Facets.FirstOrDefault(f => f.Facet.Slug == slug)?.Facet.Name ?? slug : null;
}
