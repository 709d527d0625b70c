using Microsoft.AspNetCore.Mvc;

namespace StockAndFlow.Admin.Api;

/// <summary>
/// The members query string, as given: <c>facet</c>, <c>value</c> (or <c>null=1</c>), <c>search</c>,
/// <c>key</c> (repeatable), <c>sort</c>, <c>desc</c>; <see cref="MembersRequest.Parse(MembersParameters, PageParameters)"/> validates it.
/// </summary>
public sealed record MembersParameters(
    string? Facet,
    string? Value,
    [property: FromQuery(Name = "null")] string? Null,
    string? Search,
    [property: FromQuery(Name = "key")] string[]? Keys,
    string? Sort,
    [property: FromQuery(Name = "desc")] string? Descending)
{
    /// <summary>Reads them from a page's query string.</summary>
    public static MembersParameters Read(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return new MembersParameters(
            query["facet"],
            query.ContainsKey("value") ? query["value"].ToString() : null,
            query["null"],
            query["search"],
            [.. query["key"].Select(k => k ?? "")],
            query["sort"],
            query["desc"]);
    }
}
