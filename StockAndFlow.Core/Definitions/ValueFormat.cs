using System.Globalization;

namespace StockAndFlow.Definitions;

/// <summary>How a value is shown to operators: a member column or a metric's values.</summary>
public enum ValueFormatKind
{
    /// <summary>Chosen from the value's type: numbers grouped, dates as dates, the rest as text.</summary>
    Auto = 0,

    /// <summary>A number with a fixed count of decimals.</summary>
    Number,

    /// <summary>An amount of money in a currency (ISO 4217 code).</summary>
    Currency,

    /// <summary>A ratio shown as a percentage (0.25 → 25 %).</summary>
    Percent,

    /// <summary>A date without its time.</summary>
    Date,

    /// <summary>A date and time, to the minute.</summary>
    DateTime,

    /// <summary>How long ago a timestamp was, in days ("12 days ago").</summary>
    Age,
}

/// <summary>
/// A display format for values, declared on member columns (<see cref="EntityBuilder{T}.Column{TValue}"/>)
/// and metrics (<see cref="MetricDefinition.Format"/>). Formatting uses the invariant culture, so the
/// admin reads the same on every server.
/// </summary>
public sealed record ValueFormat
{
    private ValueFormat(ValueFormatKind kind, int? decimals = null, string? currency = null, string? unit = null)
    {
        Kind = kind;
        Decimals = decimals;
        CurrencyCode = currency;
        Unit = unit;
    }

    /// <summary>Chosen from the value's type.</summary>
    public static ValueFormat Auto { get; } = new(ValueFormatKind.Auto);

    /// <summary>A date without its time.</summary>
    public static ValueFormat Date { get; } = new(ValueFormatKind.Date);

    /// <summary>A date and time, to the minute.</summary>
    public static ValueFormat DateTime { get; } = new(ValueFormatKind.DateTime);

    /// <summary>Days since a timestamp ("today", "1 day ago", "12 days ago").</summary>
    public static ValueFormat Age { get; } = new(ValueFormatKind.Age);

    /// <summary>The kind of format.</summary>
    public ValueFormatKind Kind { get; }

    /// <summary>Decimals shown by number, currency and percent formats; null for the format's default.</summary>
    public int? Decimals { get; }

    /// <summary>The ISO 4217 currency code of a currency format (EUR, USD).</summary>
    public string? CurrencyCode { get; }

    /// <summary>A unit written after a number ("orders", "ms"); null for none.</summary>
    public string? Unit { get; }

    /// <summary>A number with <paramref name="decimals"/> decimals and an optional <paramref name="unit"/> after it.</summary>
    public static ValueFormat Number(int decimals = 0, string? unit = null) => new(ValueFormatKind.Number, decimals, unit: unit);

    /// <summary>An amount in <paramref name="currencyCode"/> (ISO 4217, e.g. "EUR") with <paramref name="decimals"/> decimals.</summary>
    public static ValueFormat Currency(string currencyCode, int decimals = 2) => new(ValueFormatKind.Currency, decimals, currencyCode);

    /// <summary>A ratio as a percentage with <paramref name="decimals"/> decimals.</summary>
    public static ValueFormat Percent(int decimals = 0) => new(ValueFormatKind.Percent, decimals);

    /// <summary>The value as operators read it; "—" for null. <paramref name="nowUtc"/> is the clock ages are measured against.</summary>
    public string Format(object? value, System.DateTime nowUtc)
    {
        if (value is null)
        {
            return "—";
        }

        var c = CultureInfo.InvariantCulture;
        return Kind switch
        {
            ValueFormatKind.Number => WithUnit(ToDecimal(value).ToString("N" + (Decimals ?? 0), c)),
            ValueFormatKind.Currency => $"{CurrencySymbol(CurrencyCode)}{ToDecimal(value).ToString("N" + (Decimals ?? 2), c)}",
            ValueFormatKind.Percent => (ToDecimal(value) * 100).ToString("N" + (Decimals ?? 0), c) + " %",
            ValueFormatKind.Date => ToDate(value).ToString("d MMM yyyy", c),
            ValueFormatKind.DateTime => ToDate(value).ToString("d MMM yyyy HH:mm", c),
            ValueFormatKind.Age => AgeInWords(ToDate(value), nowUtc),
            _ => AutoFormat(value, c),
        };
    }

    /// <summary>True when <paramref name="type"/> can be shown in this format.</summary>
    public bool Accepts(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        var numeric = t == typeof(int) || t == typeof(long) || t == typeof(short) || t == typeof(decimal) || t == typeof(double) || t == typeof(float) || t == typeof(byte);
        var date = t == typeof(System.DateTime) || t == typeof(DateTimeOffset) || t == typeof(DateOnly);
        return Kind switch
        {
            ValueFormatKind.Number or ValueFormatKind.Currency or ValueFormatKind.Percent => numeric,
            ValueFormatKind.Date or ValueFormatKind.DateTime or ValueFormatKind.Age => date,
            _ => true,
        };
    }

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        ValueFormatKind.Currency => $"currency {CurrencyCode}",
        _ => Kind.ToString().ToLowerInvariant(),
    };

    private string WithUnit(string number) => Unit is { Length: > 0 } u ? $"{number} {u}" : number;

    private static string AutoFormat(object value, CultureInfo c) => value switch
    {
        int or long or short or byte => Convert.ToInt64(value, c).ToString("N0", c),
        decimal or double or float => ToDecimal(value).ToString("#,0.##", c),
        System.DateTime or DateTimeOffset or DateOnly => ToDate(value).ToString("d MMM yyyy HH:mm", c),
        bool b => b ? "yes" : "no",
        _ => Convert.ToString(value, c) ?? "",
    };

    private static decimal ToDecimal(object value) => value switch
    {
        double d when double.IsNaN(d) || double.IsInfinity(d) => 0,
        _ => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
    };

    private static System.DateTime ToDate(object value) => value switch
    {
        DateTimeOffset o => o.UtcDateTime,
        DateOnly d => d.ToDateTime(TimeOnly.MinValue),
        _ => (System.DateTime)value,
    };

    private static string AgeInWords(System.DateTime at, System.DateTime now)
    {
        var days = (int)Math.Floor((now - at).TotalDays);
        return days switch
        {
            < 0 => "in the future",
            0 => "today",
            1 => "1 day ago",
            _ => $"{days.ToString("N0", CultureInfo.InvariantCulture)} days ago",
        };
    }

    private static string CurrencySymbol(string? code) => code switch
    {
        "EUR" => "€",
        "USD" => "$",
        "GBP" => "£",
        "JPY" => "¥",
        null => "",
        _ => code + " ",
    };
}
