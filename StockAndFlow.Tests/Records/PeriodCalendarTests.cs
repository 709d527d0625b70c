
using StockAndFlow.Storage;

namespace StockAndFlow.Tests.Records;

public sealed class PeriodCalendarTests
{
    private static readonly PeriodCalendar Amsterdam = new(TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam"), DayOfWeek.Monday);

    private static DateTime Utc(int y, int m, int d, int h = 0, int min = 0) => new(y, m, d, h, min, 0, DateTimeKind.Utc);

    [Fact]
    public void Day_Is23Hours_OnTheSpringForwardDay()
    {
        var start = Amsterdam.BucketStart(Utc(2026, 3, 29, 12), Period.Day);

        Assert.Equal(Utc(2026, 3, 28, 23), start); // local midnight, UTC+1
        Assert.Equal(TimeSpan.FromHours(23), Amsterdam.NextBucketStart(start, Period.Day) - start);
    }

    [Fact]
    public void Day_Is25Hours_OnTheFallBackDay()
    {
        var start = Amsterdam.BucketStart(Utc(2026, 10, 25, 12), Period.Day);

        Assert.Equal(Utc(2026, 10, 24, 22), start); // local midnight, UTC+2
        Assert.Equal(TimeSpan.FromHours(25), Amsterdam.NextBucketStart(start, Period.Day) - start);
        Assert.Equal(25, Amsterdam.Buckets(start, Amsterdam.NextBucketStart(start, Period.Day), Period.Hour).Count());
    }

    [Fact]
    public void RepeatedLocalHour_IsTwoHourBuckets()
    {
        // 02:30 local happens twice on 2026-10-25: at 00:30 UTC (+02:00) and at 01:30 UTC (+01:00).
        var first = Amsterdam.BucketStart(Utc(2026, 10, 25, 0, 30), Period.Hour);
        var second = Amsterdam.BucketStart(Utc(2026, 10, 25, 1, 30), Period.Hour);

        Assert.Equal(Utc(2026, 10, 25, 0), first);
        Assert.Equal(Utc(2026, 10, 25, 1), second);
    }

    [Fact]
    public void Week_ContainingTheSpringTransition_Is167Hours_AndStartsOnTheFirstDayOfWeek()
    {
        var start = Amsterdam.BucketStart(Utc(2026, 3, 27, 10), Period.Week);

        Assert.Equal(Utc(2026, 3, 22, 23), start); // Monday 23 March, local midnight
        Assert.Equal(TimeSpan.FromHours(167), Amsterdam.NextBucketStart(start, Period.Week) - start);
    }

    [Fact]
    public void Week_StartsOnAConfiguredSunday()
    {
        var sundays = new PeriodCalendar(TimeZoneInfo.Utc, DayOfWeek.Sunday);

        Assert.Equal(Utc(2026, 11, 22), sundays.BucketStart(Utc(2026, 11, 25, 8), Period.Week));
        Assert.Equal(Utc(2026, 11, 22), sundays.BucketStart(Utc(2026, 11, 22), Period.Week));
    }

    [Fact]
    public void Months_ContainingTransitions_Are743And745Hours()
    {
        var march = Amsterdam.BucketStart(Utc(2026, 3, 15), Period.Month);
        var october = Amsterdam.BucketStart(Utc(2026, 10, 15), Period.Month);

        Assert.Equal(TimeSpan.FromHours(743), Amsterdam.NextBucketStart(march, Period.Month) - march);
        Assert.Equal(TimeSpan.FromHours(745), Amsterdam.NextBucketStart(october, Period.Month) - october);
    }

    [Fact]
    public void Year_StartsAtLocalNewYear()
    {
        Assert.Equal(Utc(2025, 12, 31, 23), Amsterdam.BucketStart(Utc(2026, 6, 1), Period.Year));
        Assert.Equal(365, Amsterdam.Buckets(Utc(2026, 1, 1), Utc(2026, 12, 31, 23), Period.Day).Count());
    }

    [Fact]
    public void HalfHourZones_StartHoursAtHalfPastUtc()
    {
        var kolkata = new PeriodCalendar(TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata"));

        Assert.Equal(Utc(2026, 6, 1, 9, 30), kolkata.BucketStart(Utc(2026, 6, 1, 10, 10), Period.Hour));
        Assert.Equal(Utc(2026, 5, 31, 18, 30), kolkata.BucketStart(Utc(2026, 6, 1, 10, 10), Period.Day));
    }

    [Fact]
    public void StartOfLastDays_IsWholeLocalDays_TodayIncluded_AcrossADstChange()
    {
        var now = Utc(2026, 4, 2, 10);

        var start = Amsterdam.StartOfLastDays(now, 7);

        // Local 27 March 00:00 (CET, +01:00); the window crosses the spring-forward night of 29 March.
        Assert.Equal(Utc(2026, 3, 26, 23), start);
        Assert.Equal(7, Amsterdam.Buckets(start, now, Period.Day).Count());
        Assert.Equal(Amsterdam.BucketStart(now, Period.Day), Amsterdam.StartOfLastDays(now, 1));
    }
}
