using System.ComponentModel;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace StockAndFlow.Storage;

/// <summary>
/// Rows by primary key, one column or several: a key's values read back from its <see cref="SubjectKey"/>
/// text, and a predicate for the rows whose key is one of a list.
/// </summary>
internal static class RowKeys
{
    /// <summary>
    /// The key column values written as <paramref name="text"/> (composite keys joined by ','), or a
    /// <see cref="FormatException"/> when the text is not a key of that shape.
    /// </summary>
    public static object?[] Parse(IReadOnlyList<IProperty> key, string text)
    {
        var parts = key.Count == 1 ? [text] : text.Split(',');
        if (parts.Length != key.Count)
        {
            throw new FormatException($"'{text}' has {parts.Length} part(s); the key has {key.Count} column(s).");
        }

        var values = new object?[key.Count];
        for (var i = 0; i < key.Count; i++)
        {
            var type = Nullable.GetUnderlyingType(key[i].ClrType) ?? key[i].ClrType;
            try
            {
                values[i] = type == typeof(string) ? parts[i] : TypeDescriptor.GetConverter(type).ConvertFromInvariantString(parts[i]);
            }
            catch (Exception ex) when (ex is ArgumentException or NotSupportedException or OverflowException)
            {
                throw new FormatException($"'{parts[i]}' is not a {type.Name}.", ex);
            }
        }

        return values;
    }

    /// <summary>The most keys of a composite key <see cref="In"/> matches in one query.</summary>
    public const int MaxCompositeKeys = 300;

    /// <summary>
    /// The rows whose key is one of <paramref name="keys"/> (each the key's column values in order). One
    /// key column: IN over one array-like parameter, whatever the count (EF Core's default of one
    /// parameter per value would pass SQLite's limit of 32 766 and SQL Server's of 2 100, and SQLite
    /// looks parameters up one by one). Several: an OR of ANDs over literals, which the primary key's index
    /// serves; EF writes it as one flat chain, and SQLite parses a chain of ORs to a depth of one per term
    /// (at most 1 000), so callers pass at most <see cref="MaxCompositeKeys"/> keys a query.
    /// </summary>
    public static Expression In(ParameterExpression row, IReadOnlyList<IProperty> key, IReadOnlyCollection<object?[]> keys)
    {
        if (keys.Count == 0)
        {
            return Expression.Constant(false);
        }

        if (key.Count == 1)
        {
            var listType = typeof(List<>).MakeGenericType(key[0].ClrType);
            var list = (System.Collections.IList)Activator.CreateInstance(listType)!;
            foreach (var k in keys)
            {
                list.Add(k[0]);
            }

            return Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [key[0].ClrType], Parameter(list, listType), Column(row, key[0]));
        }

        if (keys.Count > MaxCompositeKeys)
        {
            throw new ArgumentException($"{keys.Count} keys of {key.Count} columns are more than one query matches ({MaxCompositeKeys}).", nameof(keys));
        }

        return keys
            .Select(k => key.Select((p, i) => (Expression)Expression.Equal(Column(row, p), Expression.Constant(k[i], p.ClrType))).Aggregate(Expression.AndAlso))
            .Aggregate(Expression.OrElse);
    }

    /// <summary>True when every column of <paramref name="key"/> is text or a whole number, which SQL writes as <see cref="SubjectKey"/> does.</summary>
    public static bool WritesAsText(IReadOnlyList<IProperty> key) =>
        key.All(p => (Nullable.GetUnderlyingType(p.ClrType) ?? p.ClrType) is var t && (t == typeof(string) || t == typeof(int) || t == typeof(long) || t == typeof(short)));

    /// <summary>
    /// The rows whose key, written as text in SQL and joined by ',', is one of <paramref name="keys"/>:
    /// any number of keys in one array-like parameter, for keys that <see cref="WritesAsText"/>. No index
    /// serves it, so it suits lists too long for <see cref="In"/>, inside a query that is filtered anyway.
    /// </summary>
    public static Expression TextIn(ParameterExpression row, IReadOnlyList<IProperty> key, IReadOnlyCollection<string> keys)
    {
        var concat = typeof(string).GetMethod(nameof(string.Concat), [typeof(string), typeof(string)])!;
        var text = key
            .Select(p => Nullable.GetUnderlyingType(p.ClrType) ?? p.ClrType)
            .Select((t, i) => t == typeof(string) ? (Expression)Column(row, key[i]) : Expression.Call(Column(row, key[i]), t.GetMethod(nameof(ToString), Type.EmptyTypes)!))
            .Aggregate((left, right) => Expression.Call(concat, Expression.Call(concat, left, Expression.Constant(",")), right));
        return Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(string)], Parameter(keys.ToList(), typeof(List<string>)), text);
    }

    private static MethodCallExpression Parameter(object list, Type listType) =>
        Expression.Call(typeof(EF), nameof(EF.Parameter), [listType],
            Expression.Convert(Expression.Property(Expression.Constant(new Holder(list)), nameof(Holder.Value)), listType));

    private static MethodCallExpression Column(ParameterExpression row, IProperty property) =>
        Expression.Call(typeof(EF), nameof(EF.Property), [property.ClrType], row, Expression.Constant(property.Name));

    // Read through a member so EF sends the list as a parameter and caches one query shape.
    private sealed class Holder(object value)
    {
        public object Value { get; } = value;
    }
}
