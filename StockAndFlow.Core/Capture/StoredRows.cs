using StockAndFlow.Storage;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace StockAndFlow.Capture;

/// <summary>
/// Reads the stored rows of entries whose tracker holds no original values of their own (an entity
/// passed to <c>Update</c>, attached and marked Modified, or a stub passed to <c>Remove</c>): one
/// no-tracking query per entity type, by primary key, ignoring query filters.
/// </summary>
internal static class StoredRows
{
    private static readonly MethodInfo ReadMethod = typeof(StoredRows).GetMethod(nameof(ReadCoreAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>The stored row of each entry, or null when the row is not stored (any more).</summary>
    public static async Task<Dictionary<EntityEntry, object?>> ReadAsync(DbContext context, IEnumerable<(EntityEntry Entry, Type EntityType)> entries, bool async, CancellationToken cancellationToken)
    {
        var result = new Dictionary<EntityEntry, object?>();
        foreach (var group in entries.GroupBy(e => e.EntityType))
        {
            var entityType = context.Model.FindEntityType(group.Key)!;
            var key = entityType.FindPrimaryKey()!.Properties;
            var byKey = group.Select(e => e.Entry).ToDictionary(e => KeyText(key, p => e.Property(p.Name).CurrentValue));
            var method = ReadMethod.MakeGenericMethod(group.Key, key.Count == 1 ? key[0].ClrType : typeof(object));
            var rows = await (Task<List<object>>)method.Invoke(null, [context, key, byKey.Values.Select(e => key.Select(p => e.Property(p.Name).CurrentValue).ToArray()).ToList(), async, cancellationToken])!;
            foreach (var entry in byKey.Values)
            {
                result[entry] = null;
            }

            foreach (var row in rows)
            {
                if (byKey.TryGetValue(KeyText(key, p => p.GetGetter().GetClrValue(row)), out var entry))
                {
                    result[entry] = row;
                }
            }
        }

        return result;
    }

    private static string KeyText(IReadOnlyList<IProperty> key, Func<IProperty, object?> value) =>
        string.Join(',', key.Select(p => SubjectKey.Format(value(p))));

    private static async Task<List<object>> ReadCoreAsync<T, TKey>(DbContext context, IReadOnlyList<IProperty> key, List<object?[]> keys, bool async, CancellationToken cancellationToken)
        where T : class
    {
        var row = Expression.Parameter(typeof(T), "row");
        var query = context.Set<T>().AsNoTracking().IgnoreQueryFilters().Where(Expression.Lambda<Func<T, bool>>(KeyFilter<TKey>(row, key, keys), row));
        var rows = async ? await query.ToListAsync(cancellationToken) : query.ToList();
        return [.. rows];
    }

    // One key column: IN over one collection parameter (EF.Parameter, as Transitions does: EF Core's
    // default of one parameter per key made SQLite's linear parameter lookup take 230 ms for 10 000
    // keys, and would pass SQL Server's 2 100-parameter limit); a composite key: an OR of ANDs.
    private static Expression KeyFilter<TKey>(ParameterExpression row, IReadOnlyList<IProperty> key, List<object?[]> keys)
    {
        if (key.Count == 1)
        {
            var values = new Holder<List<TKey>>([.. keys.Select(k => (TKey)k[0]!)]);
            var parameter = Expression.Call(
                typeof(EF),
                nameof(EF.Parameter),
                [typeof(List<TKey>)],
                Expression.Property(Expression.Constant(values), nameof(Holder<List<TKey>>.Value)));
            return Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(TKey)], parameter, Column(row, key[0]));
        }

        return keys
            .Select(k => key
                .Select((p, i) => (Expression)Expression.Equal(Column(row, p), Expression.Constant(k[i], p.ClrType)))
                .Aggregate(Expression.AndAlso))
            .Aggregate(Expression.OrElse);
    }

    private static MethodCallExpression Column(ParameterExpression row, IProperty property) =>
        Expression.Call(typeof(EF), nameof(EF.Property), [property.ClrType], row, Expression.Constant(property.Name));

    // Read through a member so EF sends the list as a parameter and caches one query shape.
    private sealed class Holder<TValue>(TValue value)
    {
        public TValue Value { get; } = value;
    }
}
