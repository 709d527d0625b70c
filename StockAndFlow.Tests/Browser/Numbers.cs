using System.Globalization;

namespace StockAndFlow.Tests.Browser;

/// <summary>Numbers as the admin prints them ("1,234", "−5").</summary>
public static class Numbers
{
    public static long Parse(string? text)
    {
        var cleaned = (text ?? "").Trim().Replace(",", "", StringComparison.Ordinal).Replace('\u2212', '-');
        Assert.True(long.TryParse(cleaned, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value), $"\"{text}\" is not a number.");
        return value;
    }

    public static string Format(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
