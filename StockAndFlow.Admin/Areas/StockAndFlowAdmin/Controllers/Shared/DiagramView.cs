using Microsoft.Extensions.Primitives;

namespace StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Shared;

/// <summary>A diagram on a page: its element id, its API URL and the range query it follows.</summary>
public sealed record DiagramView(string Id, string Url, IReadOnlyList<KeyValuePair<string, StringValues>> Range);
