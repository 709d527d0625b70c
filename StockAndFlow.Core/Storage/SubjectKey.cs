using System.Globalization;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace StockAndFlow.Storage;

/// <summary>Formats primary keys as invariant text: int, long, Guid, string and composites.</summary>
public static class SubjectKey
{
    /// <summary>Formats one key value.</summary>
    public static string Format(object? value) => value switch
    {
        null => "",
        string s => s,
        Guid g => g.ToString("D"),
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>Formats a key's column values in order, joined by ',' when there are several.</summary>
    public static string Join(IEnumerable<object?> values) => string.Join(',', values.Select(Format));

    /// <summary>True when a key property still holds a temporary, store-generated-later value.</summary>
    internal static bool IsTemporary(EntityEntry entry) =>
        entry.Metadata.FindPrimaryKey()!.Properties.Any(p => entry.Property(p.Name).IsTemporary);

    /// <summary>The entry's key as text (original values for a deleted row).</summary>
    internal static string Of(EntityEntry entry) =>
        Join(entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue));
}
