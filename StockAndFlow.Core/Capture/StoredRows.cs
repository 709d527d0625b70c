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
/// no-tracking query per entity type (per few hundred rows of a composite key), by primary key, ignoring query filters.
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
            var byKey = group.Select(e => e.Entry).ToDictionary(e => SubjectKey.Join(key.Select(p => e.Property(p.Name).CurrentValue)));
            var method = ReadMethod.MakeGenericMethod(group.Key);
            var rows = await (Task<List<object>>)method.Invoke(null, [context, key, byKey.Values.Select(e => key.Select(p => e.Property(p.Name).CurrentValue).ToArray()).ToList(), async, cancellationToken])!;
            foreach (var entry in byKey.Values)
            {
                result[entry] = null;
            }

            foreach (var row in rows)
            {
                if (byKey.TryGetValue(SubjectKey.Join(key.Select(p => p.GetGetter().GetClrValue(row))), out var entry))
                {
                    result[entry] = row;
                }
            }
        }

        return result;
    }

    private static async Task<List<object>> ReadCoreAsync<T>(DbContext context, IReadOnlyList<IProperty> key, List<object?[]> keys, bool async, CancellationToken cancellationToken)
        where T : class
    {
        // One query for a one-column key; a composite key's OR of ANDs goes in chunks.
        var row = Expression.Parameter(typeof(T), "row");
        var rows = new List<object>();
        foreach (var chunk in key.Count == 1 ? [keys.ToArray()] : keys.Chunk(RowKeys.MaxCompositeKeys))
        {
            var query = context.Set<T>().AsNoTracking().IgnoreQueryFilters().Where(Expression.Lambda<Func<T, bool>>(RowKeys.In(row, key, chunk), row));
            rows.AddRange(async ? await query.ToListAsync(cancellationToken) : query.ToList());
        }

        return rows;
    }
}
