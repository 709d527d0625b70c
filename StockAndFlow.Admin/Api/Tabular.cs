using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;

namespace StockAndFlow.Admin.Api;

/// <summary>A table answered as JSON (default) or CSV (<c>format=csv</c>, see <see cref="TableFormat"/>), so every table and series downloads.</summary>
internal static class Tabular
{
    public static FileContentHttpResult Csv(string fileName, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', header.Select(Escape)).Append("\r\n");
        foreach (var row in rows)
        {
            text.AppendJoin(',', row.Select(v => Escape(Format(v)))).Append("\r\n");
        }

        return TypedResults.File(Encoding.UTF8.GetBytes(text.ToString()), "text/csv; charset=utf-8", fileName);
    }

    public static string Format(object? value) => value switch
    {
        null => "",
        DateTime d => d.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    // Quotes fields that need it; a leading formula character is neutralised so a spreadsheet does not run it.
    private static string Escape(string field)
    {
        if (field.Length > 0 && "=+-@".Contains(field[0], StringComparison.Ordinal) && !double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            field = "'" + field;
        }

        return field.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
    }
}
