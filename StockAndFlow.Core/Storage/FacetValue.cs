using System.Globalization;

namespace StockAndFlow.Storage;

/// <summary>Facet values as stored text: enums by name, booleans lower-case, numbers and dates invariant.</summary>
public static class FacetValue
{
    /// <summary>Formats a facet value; null stays null (the NULL bucket).</summary>
    public static string? Format(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        Enum e => e.ToString(),
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
