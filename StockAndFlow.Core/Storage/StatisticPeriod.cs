namespace StockAndFlow.Storage;

/// <summary>
/// The period a statistic's value holds for. Hour to Year are calendar buckets in the reporting time
/// zone (the value covers the bucket starting at the statistic's date); <see cref="Days28"/> is the 28
/// days ending with the statistic's day; <see cref="Lifetime"/> is everything up to the end of that day.
/// </summary>
public enum StatisticPeriod
{
    /// <summary>A clock hour.</summary>
    Hour = 1,

    /// <summary>A calendar day.</summary>
    Day = 2,

    /// <summary>A week from the configured first day.</summary>
    Week = 3,

    /// <summary>The 28 days ending with the date's day (a rolling window, written for every day).</summary>
    Days28 = 4,

    /// <summary>A calendar month.</summary>
    Month = 5,

    /// <summary>A calendar year.</summary>
    Year = 6,

    /// <summary>Cumulative up to the end of the date's day (written for every day).</summary>
    Lifetime = 7,
}

/// <summary>Where a statistic period's dates fall.</summary>
internal static class StatisticPeriodCalendar
{
    /// <summary>The statistic date of <paramref name="at"/>: its calendar bucket, or its day for Days28 and Lifetime.</summary>
    public static DateTime BucketStart(this Storage.PeriodCalendar calendar, DateTime at, StatisticPeriod period) => period switch
    {
        StatisticPeriod.Hour => calendar.BucketStart(at, Storage.Period.Hour),
        StatisticPeriod.Week => calendar.BucketStart(at, Storage.Period.Week),
        StatisticPeriod.Month => calendar.BucketStart(at, Storage.Period.Month),
        StatisticPeriod.Year => calendar.BucketStart(at, Storage.Period.Year),
        _ => calendar.BucketStart(at, Storage.Period.Day),
    };
}
