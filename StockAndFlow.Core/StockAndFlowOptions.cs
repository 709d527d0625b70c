
using StockAndFlow.Storage;

namespace StockAndFlow;

/// <summary>Registration options, bound from the <c>StockAndFlow</c> configuration section.</summary>
public sealed class StockAndFlowOptions
{
    /// <summary>IANA (or Windows) id of the zone that period buckets are computed in. Default UTC.</summary>
    public string ReportingTimeZone { get; set; } = "UTC";

    /// <summary>First day of a week bucket. Default Monday.</summary>
    public DayOfWeek FirstDayOfWeek { get; set; } = DayOfWeek.Monday;

    /// <summary>The periods a snapshot writes stock records for. Default: every period.</summary>
    public List<Period> SnapshotPeriods { get; set; } = [];

    /// <summary>
    /// Translate every predicate, facet selector and counting query to SQL at start-up, failing with
    /// the definition's name when one cannot be translated. Default true.
    /// </summary>
    public bool ValidateQueriesOnStartup { get; set; } = true;

    /// <summary>The calendar the options describe.</summary>
    public PeriodCalendar CreateCalendar() =>
        new(TimeZoneInfo.FindSystemTimeZoneById(ReportingTimeZone), FirstDayOfWeek);
}
