
using StockAndFlow.Reading;

namespace StockAndFlow.Admin.Api;

/// <summary>The members query string: facet, value (or <c>null=1</c>), search, keys, sort, desc, page, pageSize.</summary>
public sealed record MembersRequest(MemberSelection Selection, string? Sort, bool Descending, int Page, int PageSize)
{
    public const int DefaultPageSize = PageParameters.DefaultPageSize;

    /// <summary>Parses a page's query string; see <see cref="Parse(MembersParameters, PageParameters)"/>.</summary>
    public static MembersRequest Parse(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Parse(MembersParameters.Read(request.Query), PageParameters.Read(request.Query));
    }

    /// <summary>The validated query: a value needs its facet and a facet a value (or <c>null=1</c>); a bad page is a 400.</summary>
    public static MembersRequest Parse(MembersParameters query, PageParameters paging)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(paging);
        var facet = NullIfEmpty(query.Facet);
        var isNull = query.Null is "1" or "true";
        if (facet is null && (query.Value is not null || isNull))
        {
            throw new AdminBadRequestException("facet", "A facet value needs the facet it belongs to: add facet=<slug>.");
        }

        if (facet is not null && query.Value is null && !isNull)
        {
            throw new AdminBadRequestException("value", $"Filtering by facet '{facet}' needs value=<value> (or null=1 for the rows without one).");
        }

        var keys = (query.Keys ?? []).Where(k => !string.IsNullOrEmpty(k)).ToList();
        var (page, pageSize) = paging.Parse();
        return new MembersRequest(
            new MemberSelection(facet, facet is null || isNull ? null : query.Value, isNull, NullIfEmpty(query.Search), keys.Count == 0 ? null : keys),
            NullIfEmpty(query.Sort),
            query.Descending is "1" or "true",
            page,
            pageSize);
    }

    /// <summary>The page and page size of a page's query string.</summary>
    public static (int Page, int PageSize) ParsePage(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return PageParameters.Read(request.Query).Parse();
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
