using StockAndFlow.Storage;
using StockAndFlow.Web.Demo;

namespace StockAndFlow.Tests.Demo;

public sealed class DemoDayTests
{
    private static readonly PeriodCalendar Amsterdam = new(TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam"));

    [Fact]
    public void EndingAt_ReturnsConsecutiveDayBuckets_EndingAtNow()
    {
        var now = new DateTime(2026, 11, 22, 15, 30, 0, DateTimeKind.Utc);

        var days = DemoDay.EndingAt(Amsterdam, now, 365);

        Assert.Equal(365, days.Count);
        Assert.Equal(now, days[^1].End);
        Assert.Equal(Amsterdam.BucketStart(now, Period.Day), days[^1].Start);
        Assert.Equal(new DateOnly(2025, 11, 23), days[0].Date);
        for (var i = 0; i < days.Count; i++)
        {
            Assert.Equal(i, days[i].Index);
            Assert.Equal(Amsterdam.BucketStart(days[i].Start, Period.Day), days[i].Start);
            if (i > 0)
            {
                Assert.Equal(days[i - 1].End, days[i].Start);
            }
        }
    }

    [Fact]
    public void EndingAt_EndsTheDayBefore_WhenTodayHasBarelyBegun()
    {
        var midnight = Amsterdam.BucketStart(new DateTime(2026, 11, 22, 12, 0, 0, DateTimeKind.Utc), Period.Day);

        var days = DemoDay.EndingAt(Amsterdam, midnight.AddMinutes(10), 3);

        Assert.Equal(midnight, days[^1].End);
        Assert.Equal(new DateOnly(2026, 11, 21), days[^1].Date);
    }

    [Fact]
    public void Instants_KeepActivityBeforeDecayBeforeTheSnapshot_InsideTheDay()
    {
        var days = DemoDay.EndingAt(Amsterdam, new DateTime(2026, 11, 22, 15, 30, 0, DateTimeKind.Utc), 365);

        foreach (var day in days)
        {
            Assert.True(day.At(0) >= day.Start);
            Assert.True(day.At(1) < day.DecayAt);
            Assert.True(day.DecayAt < day.SnapshotAt);
            Assert.True(day.SnapshotAt < day.End);
            Assert.Equal(day.Start, Amsterdam.BucketStart(day.SnapshotAt, Period.Day));
        }
    }
}
