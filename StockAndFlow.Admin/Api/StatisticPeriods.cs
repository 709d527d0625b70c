using StockAndFlow.Storage;
using System.Globalization;
using StockAndFlow.Statistics;

namespace StockAndFlow.Admin.Api;

/// <summary>A statistics period by name (<c>day</c>, <c>days28</c>…), as the statistics page and API accept it: numbers are not names.</summary>
internal static class StatisticPeriods
{
    public static bool TryParse(string text, out StatisticPeriod period)
    {
        period = default;
        return !int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
            && Enum.TryParse(text, ignoreCase: true, out period) && Enum.IsDefined(period);
    }
}
