namespace StockAndFlow.Storage;

/// <summary>
/// Computes bucket boundaries in a reporting time zone and returns them as UTC instants, so a day in
/// Europe/Amsterdam is 23 or 25 hours long on transition days.
/// </summary>
public sealed class PeriodCalendar
{
    /// <summary>Creates a calendar.</summary>
    public PeriodCalendar(TimeZoneInfo timeZone, DayOfWeek firstDayOfWeek = DayOfWeek.Monday)
    {
        TimeZone = timeZone;
        FirstDayOfWeek = firstDayOfWeek;
        HasPartHourOffsets = timeZone.BaseUtcOffset.Minutes != 0 || timeZone.GetAdjustmentRules().Any(r => r.DaylightDelta.Minutes != 0 || r.BaseUtcOffsetDelta.Minutes != 0);
    }

    /// <summary>UTC with weeks starting on Monday.</summary>
    public static PeriodCalendar Utc { get; } = new(TimeZoneInfo.Utc);

    /// <summary>The reporting time zone.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>The first day of a week bucket.</summary>
    public DayOfWeek FirstDayOfWeek { get; }

    /// <summary>
    /// True when the zone has an offset that is not whole hours (India, Nepal, Newfoundland…). Instants
    /// grouped in UTC hours fall into one bucket of every period otherwise; with such offsets they are
    /// grouped in UTC quarter-hours (<see cref="Slot"/>).
    /// </summary>
    public bool HasPartHourOffsets { get; }

    /// <summary>
    /// The UTC hour (or quarter-hour, see <see cref="HasPartHourOffsets"/>) that queries group instants by
    /// before they are bucketed here: <paramref name="quarter"/> is the minute divided by 15, 0 otherwise.
    /// </summary>
    public static DateTime Slot(int year, int month, int day, int hour, int quarter) =>
        new(year, month, day, hour, quarter * 15, 0, DateTimeKind.Utc);

    /// <summary>The start (UTC) of the bucket of <paramref name="period"/> containing <paramref name="instant"/>.</summary>
    public DateTime BucketStart(DateTime instant, Period period)
    {
        var utc = AsUtc(instant);
        var local = TimeZoneInfo.ConvertTimeFromUtc(utc, TimeZone);
        if (period == Period.Hour)
        {
            // Truncated with the offset in force at the instant, so a local hour repeated by a
            // fall-back transition is two buckets, and +05:30 zones start hours at half past UTC.
            var offset = TimeZone.GetUtcOffset(utc);
            var localHour = new DateTime(local.Year, local.Month, local.Day, local.Hour, 0, 0, DateTimeKind.Unspecified);
            return DateTime.SpecifyKind(localHour - offset, DateTimeKind.Utc);
        }

        var start = period switch
        {
            Period.Day => local.Date,
            Period.Week => local.Date.AddDays(-(((int)local.DayOfWeek - (int)FirstDayOfWeek + 7) % 7)),
            Period.Month => new DateTime(local.Year, local.Month, 1),
            Period.Year => new DateTime(local.Year, 1, 1),
            _ => throw new ArgumentOutOfRangeException(nameof(period), period, "Unknown period."),
        };
        return LocalToUtc(start);
    }

    /// <summary>The start (UTC) of the bucket after the one starting at <paramref name="bucketStart"/>.</summary>
    public DateTime NextBucketStart(DateTime bucketStart, Period period)
    {
        if (period == Period.Hour)
        {
            return AsUtc(bucketStart).AddHours(1);
        }

        var local = TimeZoneInfo.ConvertTimeFromUtc(AsUtc(bucketStart), TimeZone);
        var next = period switch
        {
            Period.Day => local.Date.AddDays(1),
            Period.Week => local.Date.AddDays(7),
            Period.Month => new DateTime(local.Year, local.Month, 1).AddMonths(1),
            Period.Year => new DateTime(local.Year + 1, 1, 1),
            _ => throw new ArgumentOutOfRangeException(nameof(period), period, "Unknown period."),
        };
        return LocalToUtc(next);
    }

    /// <summary>
    /// The start (UTC) of a window of <paramref name="days"/> whole days in the reporting time zone ending
    /// with the day of <paramref name="instant"/>: "the last 30 days" are today and the 29 days before it,
    /// exactly 30 day buckets, so a count since this instant and a sum of daily records agree.
    /// </summary>
    public DateTime StartOfLastDays(DateTime instant, int days)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        var local = TimeZoneInfo.ConvertTimeFromUtc(AsUtc(instant), TimeZone);
        return LocalToUtc(local.Date.AddDays(1 - days));
    }

    /// <summary>Every bucket start from the bucket containing <paramref name="from"/> up to, not including, <paramref name="to"/>.</summary>
    public IEnumerable<DateTime> Buckets(DateTime from, DateTime to, Period period)
    {
        for (var start = BucketStart(from, period); start < AsUtc(to); start = NextBucketStart(start, period))
        {
            yield return start;
        }
    }

    private DateTime LocalToUtc(DateTime local)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);

        // A local midnight skipped by a spring-forward transition starts when the clock resumes.
        while (TimeZone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        // An ambiguous local time is read as its first occurrence (the larger offset).
        var offset = TimeZone.IsAmbiguousTime(local) ? TimeZone.GetAmbiguousTimeOffsets(local).Max() : TimeZone.GetUtcOffset(local);
        return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
    }

    internal static DateTime AsUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
