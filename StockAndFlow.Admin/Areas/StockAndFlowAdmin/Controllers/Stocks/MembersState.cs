using System.Globalization;
using Microsoft.Extensions.Primitives;
using StockAndFlow.Admin.Api;

namespace StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Stocks;

/// <summary>
/// The members page's query (facet value or NULL bucket, search, keys, sort, page), able to write
/// itself back as a query string with one thing changed — for sort headers, pager and filter links.
/// </summary>
public sealed record MembersState(string? Facet, string? Value, bool IsNull, string? Search, IReadOnlyList<string>? Keys, string? Sort, bool Descending, int Page, int PageSize)
{
    public static MembersState From(MembersRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var s = request.Selection;
        return new MembersState(s.Facet, s.Value, s.ValueIsNull, s.Search, s.Keys, request.Sort, request.Descending, request.Page, request.PageSize);
    }

    public bool HasFilter => Facet is not null || !string.IsNullOrWhiteSpace(Search) || Keys is { Count: > 0 };

    /// <summary>The selection only (facet, value or null, search, keys): what an action applies to.</summary>
    public List<KeyValuePair<string, StringValues>> Filter(bool withKeys = true)
    {
        var query = new List<KeyValuePair<string, StringValues>>();
        if (Facet is not null)
        {
            query.Add(new("facet", Facet));
            query.Add(IsNull ? new("null", "1") : new("value", Value ?? ""));
        }

        if (!string.IsNullOrWhiteSpace(Search))
        {
            query.Add(new("search", Search));
        }

        if (withKeys && Keys is { Count: > 0 })
        {
            query.Add(new("key", new StringValues([.. Keys])));
        }

        return query;
    }

    /// <summary>The whole state; defaults are left out.</summary>
    public List<KeyValuePair<string, StringValues>> Query()
    {
        var query = Filter();
        if (Sort is not null)
        {
            query.Add(new("sort", Sort));
        }

        if (Descending)
        {
            query.Add(new("desc", "1"));
        }

        if (Page != 1)
        {
            query.Add(new("page", Page.ToString(CultureInfo.InvariantCulture)));
        }

        if (PageSize != MembersRequest.DefaultPageSize)
        {
            query.Add(new("pageSize", PageSize.ToString(CultureInfo.InvariantCulture)));
        }

        return query;
    }

    /// <summary>Sorted by <paramref name="column"/>: ascending first, descending when it already is ascending.</summary>
    public MembersState SortedBy(string column) =>
        this with { Sort = column, Descending = string.Equals(Sort, column, StringComparison.OrdinalIgnoreCase) && !Descending, Page = 1 };

    public MembersState FilteredBy(string facet, string? value) =>
        this with { Facet = facet, Value = value, IsNull = value is null, Keys = null, Page = 1 };

    public MembersState WithoutFacet() => this with { Facet = null, Value = null, IsNull = false, Page = 1 };

    public MembersState WithoutSearch() => this with { Search = null, Page = 1 };

    public MembersState WithoutKeys() => this with { Keys = null, Page = 1 };
}
