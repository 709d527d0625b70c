namespace StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Shared;

/// <summary>Previous/next links and "page N of M" for a paginated table.</summary>
public sealed record Pager(int Page, int PageCount, long Total, Func<int, string> Url, string Noun = "rows");
