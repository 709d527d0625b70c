using StockAndFlow.Storage;
using System.Globalization;
using System.Text;
using StockAndFlow.Counting;

namespace StockAndFlow.Benchmarks.Counting;

/// <summary>
/// One algorithm's counts in a comparable form: <c>stock</c> → total and
/// <c>stock/facet/value</c> → count. Zero counts are left out, since only some algorithms list them.
/// </summary>
public sealed class SnapshotNumbers
{
    private readonly SortedDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public void Total(string stock, long count) => Set(stock, count);

    public void FacetValue(string stock, string facet, string? value, long count) =>
        Set(stock + "/" + facet + "/" + (value ?? "(null)"), count);

    public long this[string key] => _counts.GetValueOrDefault(key);

    public static SnapshotNumbers From(IReadOnlyList<StockCount> counts)
    {
        var numbers = new SnapshotNumbers();
        foreach (var count in counts)
        {
            numbers.Total(count.Stock.Slug, count.Total);
            foreach (var facet in count.Facets)
            {
                foreach (var value in facet.Values)
                {
                    numbers.FacetValue(count.Stock.Slug, facet.Facet.Slug, value.Value, value.Count);
                }
            }
        }

        return numbers;
    }

    /// <summary>Throws unless both hold the same non-zero counts.</summary>
    public static void AssertSame(string expectedName, SnapshotNumbers expected, string actualName, SnapshotNumbers actual)
    {
        var differences = new StringBuilder();
        foreach (var key in expected._counts.Keys.Union(actual._counts.Keys).Order(StringComparer.Ordinal))
        {
            if (expected[key] != actual[key])
            {
                differences.AppendLine(CultureInfo.InvariantCulture, $"  {key}: {expectedName} {expected[key]}, {actualName} {actual[key]}");
            }
        }

        if (expected._counts.Count == 0 || differences.Length > 0)
        {
            throw new InvalidOperationException($"{actualName} disagrees with {expectedName}:{Environment.NewLine}{differences}");
        }
    }

    private void Set(string key, long count)
    {
        if (count != 0)
        {
            _counts[key] = count;
        }
    }
}
