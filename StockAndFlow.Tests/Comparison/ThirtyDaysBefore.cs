using Microsoft.Extensions.DependencyInjection;
using StockAndFlow.Storage;

namespace StockAndFlow.Tests.Comparison;

/// <summary>
/// The 30 days before the last 30, worked out from the calendar's "last N days" (not from the admin's
/// own range code), for checking the figures that compare with them.
/// </summary>
public static class ThirtyDaysBefore
{
    public static (DateTime Before, DateTime Since) Of(IServiceProvider services)
    {
        var calendar = services.GetRequiredService<PeriodCalendar>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var since = calendar.StartOfLastDays(now, 30);
        return (calendar.StartOfLastDays(since.AddTicks(-1), 30), since);
    }
}
