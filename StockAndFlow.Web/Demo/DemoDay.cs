
using StockAndFlow.Storage;

namespace StockAndFlow.Web.Demo;

/// <summary>
/// One simulated day of the demo history: a day bucket of the reporting calendar, from
/// <see cref="Start"/> to <see cref="End"/> (the next day's start, or the real "now" on the last day).
/// Activity happens before <see cref="DecayAt"/>, decay runs at it, and the day's snapshot is taken at
/// <see cref="SnapshotAt"/>, strictly after everything the day saved, so a snapshot counts exactly the
/// events stamped up to its instant.
/// </summary>
public sealed record DemoDay(int Index, DateTime Start, DateTime End, DateOnly Date)
{
    /// <summary>The shortest last day worth simulating; a shorter one ends the history the day before.</summary>
    public static readonly TimeSpan MinimumLength = TimeSpan.FromMinutes(30);

    private static readonly TimeSpan SnapshotLead = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan DecayLead = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan ActivityLead = TimeSpan.FromMinutes(3);

    /// <summary>When the day's decay rules run.</summary>
    public DateTime DecayAt => End - DecayLead;

    /// <summary>When the day's stocks are counted.</summary>
    public DateTime SnapshotAt => End - SnapshotLead;

    /// <summary>The first of the day's month, e.g. to report progress per month.</summary>
    public DateOnly Month => new(Date.Year, Date.Month, 1);

    /// <summary>True on Saturday and Sunday.</summary>
    public bool IsWeekend => Date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    /// <summary>
    /// The instant <paramref name="fraction"/> (0 to 1) of the way through the day's activity window,
    /// which ends before decay: 0.375 is 09:00 on a full 24-hour day.
    /// </summary>
    public DateTime At(double fraction)
    {
        var window = End - ActivityLead - Start;
        return Start + (window * Math.Clamp(fraction, 0, 1));
    }

    /// <summary>
    /// The <paramref name="count"/> days of the reporting <paramref name="calendar"/> ending with the one
    /// that contains <paramref name="end"/> (cut off at <paramref name="end"/>), or the day before when
    /// less than <see cref="MinimumLength"/> of it has passed.
    /// </summary>
    public static IReadOnlyList<DemoDay> EndingAt(PeriodCalendar calendar, DateTime end, int count)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        end = DateTime.SpecifyKind(end, DateTimeKind.Utc);
        var start = calendar.BucketStart(end, Period.Day);
        if (end - start < MinimumLength)
        {
            end = start;
            start = calendar.BucketStart(start.AddTicks(-1), Period.Day);
        }

        var days = new DemoDay[count];
        for (var i = count - 1; i >= 0; i--)
        {
            var local = TimeZoneInfo.ConvertTimeFromUtc(start, calendar.TimeZone);
            days[i] = new DemoDay(i, start, end, DateOnly.FromDateTime(local));
            end = start;
            start = calendar.BucketStart(start.AddTicks(-1), Period.Day);
        }

        return days;
    }
}
