namespace StockAndFlow.Admin.Api;

/// <summary>The <c>format</c> query parameter: <c>csv</c> answers a table or series as a CSV download, anything else JSON.</summary>
public sealed record TableFormat(string? Format)
{
    public bool IsCsv => string.Equals(Format, "csv", StringComparison.OrdinalIgnoreCase);
}
