using StockAndFlow.Storage;
using System.Globalization;

namespace StockAndFlow.Admin.Api;

/// <summary>
/// Parses <c>from</c>, <c>to</c> and <c>period</c> (or a <c>range</c> shortcut: 7d, 30d, 90d, 1y) into a
/// validated range: dates in ISO 8601 (UTC unless an offset is given), from before to, and at most
/// <see cref="MaxBuckets"/> buckets. A shortcut is that many whole days in the reporting time zone, today
/// included (<see cref="PeriodCalendar.StartOfLastDays"/>), the one definition every page, API and
/// download uses for "the last N days".
/// </summary>
public sealed record RangeQuery(DateTime From, DateTime To, Period Period)
{
    public const int MaxBuckets = 5000;

    /// <summary>
    /// The range just before this one with as many buckets of <see cref="Period"/> (the 30 days before
    /// the last 30, last month for this month), for a chart's previous-period comparison.
    /// </summary>
    public RangeQuery Previous(PeriodCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var count = calendar.Buckets(From, To, Period).Count();
        var start = calendar.BucketStart(From, Period);
        for (var i = 0; i < count; i++)
        {
            start = calendar.BucketStart(start.AddTicks(-1), Period);
        }

        return new RangeQuery(start, calendar.BucketStart(From, Period), Period);
    }

    /// <summary>The window pages show when no range is asked for, in days.</summary>
    public const int DefaultDays = 30;

    private static readonly Dictionary<string, int> Shortcuts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["7d"] = 7,
        ["30d"] = DefaultDays,
        ["90d"] = 90,
        ["1y"] = 365,
    };

    /// <summary>Parses a page's query string; see <see cref="Parse(RangeParameters, DateTime, PeriodCalendar, Period, bool)"/>.</summary>
    public static RangeQuery Parse(HttpRequest request, DateTime now, PeriodCalendar calendar, Period defaultPeriod = Period.Day, bool readPeriod = true)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Parse(RangeParameters.Read(request.Query), now, calendar, defaultPeriod, readPeriod);
    }

    // readPeriod is false where `period` means something else (statistics periods): buckets are then
    // counted in defaultPeriod.
    public static RangeQuery Parse(RangeParameters parameters, DateTime now, PeriodCalendar calendar, Period defaultPeriod = Period.Day, bool readPeriod = true)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(calendar);
        var period = readPeriod ? ParsePeriod(parameters.Period, defaultPeriod) : defaultPeriod;
        var range = parameters.Range ?? "";
        DateTime from;
        var to = parameters.To is not null ? ParseDate("to", parameters.To) : now;
        if (parameters.From is not null)
        {
            from = ParseDate("from", parameters.From);
        }
        else if (range.Length > 0)
        {
            from = Shortcuts.TryGetValue(range, out var days) ? calendar.StartOfLastDays(to, days)
                : throw new AdminBadRequestException("range", $"'{range}' is not a known range; use 7d, 30d, 90d or 1y, or give from and to.");
        }
        else
        {
            from = calendar.StartOfLastDays(to, DefaultDays);
        }

        if (from >= to)
        {
            throw new AdminBadRequestException("from", $"from ({from:O}) must be before to ({to:O}).");
        }

        var approximate = (to - from).TotalHours / period switch
        {
            Period.Hour => 1,
            Period.Day => 23,
            Period.Week => 167,
            Period.Month => 24 * 28,
            _ => 24 * 365,
        };
        if (approximate > MaxBuckets || calendar.Buckets(from, to, period).Skip(MaxBuckets).Any())
        {
            throw new AdminBadRequestException("period", $"The range holds more than {MaxBuckets} {period} buckets; choose a longer period or a shorter range.");
        }

        return new RangeQuery(from, to, period);
    }

    public static Period ParsePeriod(string? text, Period fallback)
    {
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        return !int.TryParse(text, out _) && Enum.TryParse<Period>(text, ignoreCase: true, out var period) && Enum.IsDefined(period)
            ? period
            : throw new AdminBadRequestException("period", $"'{text}' is not a period; use hour, day, week, month or year.");
    }

    private static DateTime ParseDate(string name, string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            && value.Year is > 1900 and < 3000
            ? value.UtcDateTime
            : throw new AdminBadRequestException(name, $"'{text}' is not a date; use ISO 8601, e.g. 2026-11-01 or 2026-11-01T12:00:00Z.");
}
