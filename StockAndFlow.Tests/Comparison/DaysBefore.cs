using Microsoft.Extensions.DependencyInjection;
using StockAndFlow.Storage;

namespace StockAndFlow.Tests.Comparison;

/// <summary>
/// The N days before the last N (30 unless told), worked out from the calendar's "last N days" (not from
/// the admin's own range code), for checking the figures that compare with them.
/// </summary>
public static class DaysBefore
{
    public static (DateTime Before, DateTime Since) Of(IServiceProvider services, int days = 30)
    {
        var calendar = services.GetRequiredService<PeriodCalendar>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var since = calendar.StartOfLastDays(now, days);
        return (calendar.StartOfLastDays(since.AddTicks(-1), days), since);
    }
}
