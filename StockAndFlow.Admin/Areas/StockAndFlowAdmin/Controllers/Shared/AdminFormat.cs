using StockAndFlow.Storage;
using System.Globalization;

namespace StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Shared;

/// <summary>How the admin's pages write numbers, times (in the reporting time zone) and cell values.</summary>
public static class AdminFormat
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    public static string Count(long value) => value.ToString("N0", Culture);

    public static string Count(long? value) => value is { } v ? Count(v) : "—";

    /// <summary>A change with its sign: +12, −3, 0; a dash when there is nothing to compare with.</summary>
    public static string Change(long? change) => change switch
    {
        null => "—",
        > 0 => "+" + Count(change.Value),
        < 0 => "−" + Count(-change.Value),
        _ => "0",
    };

    /// <summary>The colour of a change: growth is good news only for a stock where higher is better.</summary>
    public static string? ChangeClass(long? change, StockAndFlow.Definitions.StockDirection? direction) => (direction ?? StockAndFlow.Definitions.StockDirection.HigherIsBetter, change) switch
    {
        (_, null or 0) or (StockAndFlow.Definitions.StockDirection.Neutral, _) => null,
        (StockAndFlow.Definitions.StockDirection.HigherIsBetter, > 0) or (StockAndFlow.Definitions.StockDirection.LowerIsBetter, < 0) => "text-success",
        _ => "text-danger",
    };

    public static string Share(double share) => share.ToString("P1", Culture);

    /// <summary>A stored UTC time shown in the reporting time zone.</summary>
    public static string Time(DateTime utc, PeriodCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), calendar.TimeZone);
        return local.ToString("yyyy-MM-dd HH:mm", Culture);
    }

    public static string Time(DateTime? utc, PeriodCalendar calendar) => utc is { } u ? Time(u, calendar) : "—";

    /// <summary>A UTC time to the second in the reporting time zone (a replica's last replayed commit).</summary>
    public static string Moment(DateTime utc, PeriodCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), calendar.TimeZone).ToString("yyyy-MM-dd HH:mm:ss", Culture);
    }

    /// <summary>A short lag: "under 1 s", "42 s", "3 min 5 s", "2 h 10 min".</summary>
    public static string Lag(TimeSpan span) =>
        span.TotalSeconds < 1 ? "under 1 s"
        : span.TotalMinutes < 1 ? $"{Math.Floor(span.TotalSeconds):0} s"
        : span.TotalHours < 1 ? $"{Math.Floor(span.TotalMinutes):0} min {span.Seconds} s"
        : $"{Math.Floor(span.TotalHours):0} h {span.Minutes} min";

    /// <summary>A member column value as text; dates in the reporting time zone.</summary>
    public static string? Cell(object? value, PeriodCalendar calendar) => value switch
    {
        null => null,
        DateTime d => Time(d, calendar),
        DateTimeOffset o => Time(o.UtcDateTime, calendar),
        bool b => b ? "yes" : "no",
        IFormattable f => f.ToString(null, Culture),
        _ => value.ToString(),
    };

    /// <summary>The facet value as the operator reads it: the NULL bucket is "(none)".</summary>
    public static string FacetValue(string? value) => value ?? "(none)";

    public static string Duration(TimeSpan span) =>
        span.TotalDays >= 1 && span.Hours == 0 && span.Minutes == 0 ? $"{span.TotalDays:0} days"
        : span.TotalHours >= 1 && span.Minutes == 0 ? $"{span.TotalHours:0} hours"
        : $"{span.TotalMinutes:0} minutes";
}
