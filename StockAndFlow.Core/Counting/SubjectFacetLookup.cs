using StockAndFlow.Storage;
using System.ComponentModel;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using StockAndFlow.Counting;
using StockAndFlow.Definitions;

namespace StockAndFlow.Counting;

/// <summary>
/// Reads the current facet value of event subjects by key, in chunks of one query each. Subjects that no
/// longer exist are absent (their events count in the NULL bucket).
/// </summary>
internal static class SubjectFacetLookup
{
    private const int KeysPerQuery = 500;
    private static readonly MethodInfo LookupMethod = typeof(SubjectFacetLookup).GetMethod(nameof(LookupCoreAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    public static async Task<Dictionary<string, string?>> LookupAsync(DbContext db, Type entityType, Facet facet, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var key = db.Model.FindEntityType(entityType)?.FindPrimaryKey();
        if (key is null || key.Properties.Count != 1)
        {
            return [];
        }

        var method = LookupMethod.MakeGenericMethod(entityType, key.Properties[0].ClrType, facet.ValueType);
        return await (Task<Dictionary<string, string?>>)method.Invoke(null, [db, key.Properties[0].Name, facet.Selector, keys, cancellationToken])!;
    }

    private static async Task<Dictionary<string, string?>> LookupCoreAsync<T, TKey, TValue>(
        DbContext db, string keyName, Expression<Func<T, TValue>> selector, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
        where T : class
    {
        var converter = TypeDescriptor.GetConverter(typeof(TKey));
        var parsed = keys.Select(k => (TKey)converter.ConvertFromInvariantString(k)!).ToList();
        var row = selector.Parameters[0];
        var keyAccess = Expression.Call(typeof(EF), nameof(EF.Property), [typeof(TKey)], row, Expression.Constant(keyName));
        var pair = typeof(KeyValuePair<TKey, TValue>).GetConstructor([typeof(TKey), typeof(TValue)])!;
        var projection = Expression.Lambda<Func<T, KeyValuePair<TKey, TValue>>>(Expression.New(pair, keyAccess, selector.Body), row);

        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var chunk in parsed.Chunk(KeysPerQuery))
        {
            var list = chunk.ToList();
            var rows = await db.Set<T>().AsNoTracking()
                .Where(e => list.Contains(EF.Property<TKey>(e, keyName)))
                .Select(projection)
                .ToListAsync(cancellationToken);
            foreach (var (k, v) in rows)
            {
                result[Storage.SubjectKey.Format(k)] = FacetValue.Format(v);
            }
        }

        return result;
    }
}
