using Microsoft.Extensions.Primitives;

namespace StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Shared;

/// <summary>
/// CSV and JSON links to an API URL. When <see cref="FollowsRange"/>, the page's range pickers rewrite
/// the links' query (data-follows-range) so a download is always what the chart shows.
/// </summary>
public sealed record Downloads(string ApiUrl, IEnumerable<KeyValuePair<string, StringValues>>? Query = null, bool FollowsRange = false, string? Label = null)
{
    public string Json => AdminUrls.WithQuery(ApiUrl, Query);

    public string Csv => AdminUrls.Csv(Json);
}
