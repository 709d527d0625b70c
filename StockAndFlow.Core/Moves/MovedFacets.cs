using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using StockAndFlow.Capture;
using StockAndFlow.Definitions;
using StockAndFlow.Storage;

namespace StockAndFlow.Moves;

/// <summary>
/// What a set-based move writes beside its flow events so live counts stay right, as capture does for
/// a save: the facet values of the members that left the stock and of those that arrived in a sink, the
/// facet values that changed for members that stayed, and a member that left along no flow.
/// </summary>
internal sealed class MovedFacets<T, TKey>(Stock<T> from, string keyName)
    where T : class
    where TKey : notnull
{
    private readonly Facet[] _fromFacets = [.. from.Facets.Where(f => TrackedFacets.Property(f) is not null)];
    private Dictionary<Facet, Dictionary<TKey, string?>> _before = [];

    /// <summary>Reads the chunk's facet values of the stock moved from, before the update.</summary>
    public async Task ReadBeforeAsync(IQueryable<T> chunk, CancellationToken cancellationToken) =>
        _before = await ValuesAsync(chunk, _fromFacets, cancellationToken);

    /// <summary>The changes of one chunk, once updated: <paramref name="left"/> are the keys no longer in the stock.</summary>
    public async Task<List<StockChange>> ChangesAsync(
        IQueryable<T> chunk,
        IReadOnlySet<TKey> left,
        IReadOnlyList<(TKey Key, Flow Flow, Stock Sink)> moves,
        DateTime now,
        CancellationToken cancellationToken)
    {
        var changes = new List<StockChange>();
        var stayed = await ValuesAsync(chunk.Where(from.TypedPredicate), _fromFacets, cancellationToken);
        foreach (var facet in _fromFacets)
        {
            foreach (var (key, value) in stayed[facet])
            {
                if (_before[facet].TryGetValue(key, out var was) && was != value)
                {
                    changes.Add(StockChanges.Change(from, facet, was, -1, StockChangeKind.Reassigned, null, now));
                    changes.Add(StockChanges.Change(from, facet, value, 1, StockChangeKind.Reassigned, null, now));
                }
            }
        }

        var byKey = moves.ToLookup(m => m.Key);
        foreach (var key in left)
        {
            var flow = byKey[key].Select(m => m.Flow).FirstOrDefault();
            if (flow is null)
            {
                changes.Add(new StockChange { Stock = from.Slug, Delta = -1, Kind = StockChangeKind.Undeclared, OccurredAt = now });
            }

            changes.AddRange(_fromFacets.Select(f => StockChanges.Change(from, f, _before[f].GetValueOrDefault(key), -1, flow is null ? StockChangeKind.Undeclared : StockChangeKind.Flow, flow?.Slug, now)));
        }

        foreach (var sink in moves.GroupBy(m => (Stock<T>)m.Sink))
        {
            var facets = sink.Key.Facets.Where(f => TrackedFacets.Property(f) is not null).ToArray();
            var keys = sink.Select(m => m.Key).ToList();
            var arrived = await ValuesAsync(chunk.Where(e => EF.Parameter(keys).Contains(EF.Property<TKey>(e, keyName))), facets, cancellationToken);
            foreach (var move in sink)
            {
                changes.AddRange(facets.Select(f => StockChanges.Change(sink.Key, f, arrived[f].GetValueOrDefault(move.Key), 1, StockChangeKind.Flow, move.Flow.Slug, now)));
            }
        }

        return StockChanges.Merge(changes);
    }

    private async Task<Dictionary<Facet, Dictionary<TKey, string?>>> ValuesAsync(IQueryable<T> rows, IReadOnlyList<Facet> facets, CancellationToken cancellationToken)
    {
        var result = new Dictionary<Facet, Dictionary<TKey, string?>>();
        foreach (var facet in facets)
        {
            var row = facet.Selector.Parameters[0];
            var key = Expression.Call(typeof(EF), nameof(EF.Property), [typeof(TKey)], row, Expression.Constant(keyName));
            var pair = typeof(KeyValuePair<TKey, object?>).GetConstructor([typeof(TKey), typeof(object)])!;
            var projection = Expression.Lambda<Func<T, KeyValuePair<TKey, object?>>>(Expression.New(pair, key, Expression.Convert(facet.Selector.Body, typeof(object))), row);
            var values = await rows.Select(projection).ToListAsync(cancellationToken);
            result[facet] = values.ToDictionary(v => v.Key, v => FacetValue.Format(v.Value));
        }

        return result;
    }
}
