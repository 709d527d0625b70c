namespace StockAndFlow.Admin.Api;

/// <summary>
/// The <c>range</c>, <c>from</c>, <c>to</c> and <c>period</c> query parameters, as given (an empty value
/// is there, and malformed); <see cref="RangeQuery.Parse(RangeParameters, DateTime, Storage.PeriodCalendar, Storage.Period, bool)"/> validates them.
/// </summary>
public sealed record RangeParameters(string? Range, string? From, string? To, string? Period)
{
    /// <summary>Reads them from a page's query string.</summary>
    public static RangeParameters Read(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return new RangeParameters(query["range"], query["from"], query["to"], query["period"]);
    }
}
