using StockAndFlow.Reading;
using System.Globalization;

namespace StockAndFlow.Admin.Api;

/// <summary>The <c>page</c> and <c>pageSize</c> query parameters, as given: <see cref="Parse"/> validates them.</summary>
public sealed record PageParameters(string? Page, string? PageSize)
{
    public const int DefaultPageSize = 25;

    /// <summary>Reads them from a page's query string.</summary>
    public static PageParameters Read(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return new PageParameters(query["page"], query["pageSize"]);
    }

    /// <summary>The page (from 1) and page size (1 to <see cref="MemberQuery.MaxPageSize"/>); anything else is a 400.</summary>
    public (int Page, int PageSize) Parse()
    {
        var page = ParseInt(Page, "page", 1);
        var pageSize = ParseInt(PageSize, "pageSize", DefaultPageSize);
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
}
