using System.Globalization;
using StockAndFlow.Members;

namespace StockAndFlow.Admin.Api;

/// <summary>The members query string: facet, value (or <c>null=1</c>), search, keys, sort, desc, page, pageSize.</summary>
public sealed record MembersRequest(MemberSelection Selection, string? Sort, bool Descending, int Page, int PageSize)
{
    public const int DefaultPageSize = 25;

    public static MembersRequest Parse(HttpRequest request)
    {
        var q = request.Query;
        var facet = NullIfEmpty(q["facet"]);
        var isNull = q["null"] == "1" || q["null"] == "true";
        if (facet is null && (q.ContainsKey("value") || isNull))
        {
            throw new AdminBadRequestException("facet", "A facet value needs the facet it belongs to: add facet=<slug>.");
        }

        if (facet is not null && !q.ContainsKey("value") && !isNull)
        {
            throw new AdminBadRequestException("value", $"Filtering by facet '{facet}' needs value=<value> (or null=1 for the rows without one).");
        }

        var keys = q["key"].Where(k => !string.IsNullOrEmpty(k)).Select(k => k!).ToList();
        var (page, pageSize) = ParsePage(request);
        var desc = q["desc"].ToString();
        return new MembersRequest(
            new MemberSelection(facet, facet is null || isNull ? null : q["value"].ToString(), isNull, NullIfEmpty(q["search"]), keys.Count == 0 ? null : keys),
            NullIfEmpty(q["sort"]),
            desc is "1" or "true",
            page,
            pageSize);
    }

    public static (int Page, int PageSize) ParsePage(HttpRequest request)
    {
        var q = request.Query;
        var page = ParseInt(q["page"], "page", 1);
        var pageSize = ParseInt(q["pageSize"], "pageSize", DefaultPageSize);
        if (page < 1)
        {
            throw new AdminBadRequestException("page", "page must be 1 or more.");
        }

        if (pageSize is < 1 or > MemberQuery.MaxPageSize)
        {
            throw new AdminBadRequestException("pageSize", $"pageSize must be between 1 and {MemberQuery.MaxPageSize}.");
        }

        return (page, pageSize);
    }

    private static int ParseInt(string? text, string name, int fallback) =>
        string.IsNullOrEmpty(text) ? fallback
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value
        : throw new AdminBadRequestException(name, $"'{text}' is not a whole number.");

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
