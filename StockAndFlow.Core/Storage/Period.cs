namespace StockAndFlow.Storage;

/// <summary>A length of time that records are bucketed by, in the reporting time zone.</summary>
public enum Period
{
    /// <summary>A clock hour.</summary>
    Hour = 1,

    /// <summary>A calendar day (23 or 25 hours on daylight-saving transition days).</summary>
    Day = 2,

    /// <summary>A week starting on the configured first day of week.</summary>
    Week = 3,

    /// <summary>A calendar month.</summary>
    Month = 4,

    /// <summary>A calendar year.</summary>
    Year = 5,
}
