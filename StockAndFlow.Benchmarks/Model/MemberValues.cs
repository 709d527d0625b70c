using System.Globalization;

namespace StockAndFlow.Benchmarks.Model;

/// <summary>The fixed value lists of the two facets: 20 regions and 20 plans.</summary>
public static class MemberValues
{
    public static IReadOnlyList<string> Regions { get; } = Numbered("region", 20);

    public static IReadOnlyList<string> Plans { get; } = Numbered("plan", 20);

    private static string[] Numbered(string prefix, int count) =>
        [.. Enumerable.Range(1, count).Select(i => prefix + "-" + i.ToString("00", CultureInfo.InvariantCulture))];
}
