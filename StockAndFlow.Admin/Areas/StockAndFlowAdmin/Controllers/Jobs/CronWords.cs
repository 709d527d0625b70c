using System.Globalization;

namespace StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Jobs;

/// <summary>
/// A cron schedule in words for operators ("every day at 02:00", "every 5 minutes"); the schedules
/// StockAndFlow registers and the usual hand-written ones. Anything else is shown as written.
/// </summary>
public static class CronWords
{
    private static readonly string[] Days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

    /// <summary>The schedule in words, or null when it is not one of the shapes read here.</summary>
    public static string? Describe(string? cron)
    {
        var f = cron?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (f is not { Length: 5 } || f[3] != "*")
        {
            return null;
        }

        var (minute, hour, day, weekday) = (f[0], f[1], f[2], f[4]);
        if (minute == "*" && hour == "*" && day == "*" && weekday == "*")
        {
            return "every minute";
        }

        if (Every(minute) is { } minutes && hour == "*" && day == "*" && weekday == "*")
        {
            return $"every {minutes} minutes";
        }

        if (!int.TryParse(minute, CultureInfo.InvariantCulture, out var m) || m is < 0 or > 59)
        {
            return null;
        }

        if (hour == "*" && day == "*" && weekday == "*")
        {
            return m == 0 ? "every hour, on the hour" : $"every hour at {m:00} minutes past";
        }

        if (Every(hour) is { } hours && day == "*" && weekday == "*")
        {
            return $"every {hours} hours at {m:00} minutes past";
        }

        if (!int.TryParse(hour, CultureInfo.InvariantCulture, out var h) || h is < 0 or > 23)
        {
            return null;
        }

        var at = $"{h:00}:{m:00}";
        if (day == "*" && weekday == "*")
        {
            return $"every day at {at}";
        }

        if (day == "*" && int.TryParse(weekday, CultureInfo.InvariantCulture, out var w) && w is >= 0 and <= 7)
        {
            return $"every {Days[w % 7]} at {at}";
        }

        if (weekday == "*" && int.TryParse(day, CultureInfo.InvariantCulture, out var d) && d is >= 1 and <= 31)
        {
            return d == 1 ? $"on the first of each month at {at}" : $"on day {d} of each month at {at}";
        }

        return null;
    }

    private static int? Every(string field) =>
        field.StartsWith("*/", StringComparison.Ordinal) && int.TryParse(field[2..], CultureInfo.InvariantCulture, out var n) && n > 1 ? n : null;
}
