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

    /// <summary>
    /// The rows whose key is one of <paramref name="keys"/> (each the key's column values in order). One
    /// key column: IN over one array-like parameter, whatever the count (EF Core's default of one
    /// parameter per value would pass SQLite's limit of 32 766 and SQL Server's of 2 100, and SQLite
    /// looks parameters up one by one). Several: an OR of ANDs over literals, nested as a balanced tree
    /// so that thousands of keys stay within SQLite's expression depth of 1 000.
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

            var parameter = Expression.Call(typeof(EF), nameof(EF.Parameter), [listType],
                Expression.Convert(Expression.Property(Expression.Constant(new Holder(list)), nameof(Holder.Value)), listType));
            return Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [key[0].ClrType], parameter, Column(row, key[0]));
        }

        var matches = keys
            .Select(k => key.Select((p, i) => (Expression)Expression.Equal(Column(row, p), Expression.Constant(k[i], p.ClrType))).Aggregate(Expression.AndAlso))
            .ToList();
        return Balanced(matches, 0, matches.Count);
    }

    private static Expression Balanced(List<Expression> terms, int start, int count) =>
        count == 1 ? terms[start] : Expression.OrElse(Balanced(terms, start, count / 2), Balanced(terms, start + (count / 2), count - (count / 2)));

    private static MethodCallExpression Column(ParameterExpression row, IProperty property) =>
        Expression.Call(typeof(EF), nameof(EF.Property), [property.ClrType], row, Expression.Constant(property.Name));

    // Read through a member so EF sends the list as a parameter and caches one query shape.
    private sealed class Holder(object value)
    {
        public object Value { get; } = value;
    }
}
