using System.Globalization;
using Microsoft.Extensions.Primitives;
using StockAndFlow.Admin.Api;
using StockAndFlow.Admin.Reading;

namespace StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Shared;

/// <summary>
/// The range and period pickers' state, read from the page's query string (so a chart view can be
/// linked) and validated by the API's own parser, so a page accepts exactly what its charts' JSON does.
/// A custom range is shown as inclusive dates: <c>to</c> is the midnight after the last day shown.
/// </summary>
public sealed record RangeState(string Range, string? From, string? To, string Period)
{
    public static readonly IReadOnlyList<(string Value, string Label)> Ranges =
        [("7d", "Last 7 days"), ("30d", "Last 30 days"), ("90d", "Last 90 days"), ("1y", "Last year"), ("custom", "Custom…")];

    public static readonly IReadOnlyList<string> Periods = ["day", "week", "month"];

    public static RangeState Parse(HttpRequest request, AdminReadModel read)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(read);
        var parsed = RangeQuery.Parse(request, read.Now, read.Calendar);
        var q = request.Query;
        var period = parsed.Period.ToString().ToLowerInvariant();
        if (q.ContainsKey("from"))
        {
            var lastDay = parsed.To.TimeOfDay == TimeSpan.Zero ? parsed.To.AddDays(-1) : parsed.To;
            return new RangeState("custom", Date(parsed.From), Date(lastDay < parsed.From ? parsed.From : lastDay), period);
        }

        var range = q["range"].ToString();
        return new RangeState(range.Length > 0 ? range.ToLowerInvariant() : "30d", null, null, period);
    }

    /// <summary>The period choices, with the requested one added when it is not a usual choice (hour, year).</summary>
    public IEnumerable<string> PeriodChoices => Periods.Contains(Period) ? Periods : [.. Periods, Period];

    /// <summary>The state as the API's query: <c>range</c> or <c>from</c>/<c>to</c>, and <c>period</c>.</summary>
    public List<KeyValuePair<string, StringValues>> Query()
    {
        if (Range == "custom" && From is not null && To is not null)
        {
            var end = DateTime.ParseExact(To, "yyyy-MM-dd", CultureInfo.InvariantCulture).AddDays(1);
            return [new("from", From), new("to", Date(end)), new("period", Period)];
        }

        return [new("range", Range), new("period", Period)];
    }

    private static string Date(DateTime utc) => utc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
