using StockAndFlow.Storage;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using StockAndFlow.Definitions;

namespace StockAndFlow.Counting;

/// <summary>
/// Counts stocks set-based, without loading rows: one query per entity type for every stock's total
/// (a conditional aggregate per stock: <c>COUNT(CASE WHEN predicate THEN 1 END)</c>) and one
/// <c>GROUP BY</c> per facet — shared by every stock of the type that declares the same facet (same
/// slug and selector), with a conditional count per stock in each group. django-stockandflow ran one COUNT per
/// stock and per facet value.
/// </summary>
public sealed class StockCounter(StockAndFlowModel model)
{
    private static readonly MethodInfo TotalsMethod = typeof(StockCounter).GetMethod(nameof(CountTotalsCoreAsync), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo FacetMethod = typeof(StockCounter).GetMethod(nameof(CountFacetCoreAsync), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo SharedFacetMethod = typeof(StockCounter).GetMethod(nameof(CountSharedFacetCoreAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>Counts every stock of the model with its facets.</summary>
    public async Task<IReadOnlyList<StockCount>> CountAllAsync(DbContext db, CancellationToken cancellationToken = default)
    {
        var results = new List<StockCount>();
        foreach (var group in model.Stocks.GroupBy(s => s.EntityType))
        {
            results.AddRange(await CountAsync(db, [.. group], cancellationToken));
        }

        return results;
    }

    /// <summary>Counts the given stocks (any entity types) with their facets.</summary>
    public async Task<IReadOnlyList<StockCount>> CountAsync(DbContext db, IReadOnlyList<Stock> stocks, CancellationToken cancellationToken = default)
    {
        var results = new List<StockCount>();
        foreach (var group in stocks.GroupBy(s => s.EntityType))
        {
            var members = group.ToList();
            var totals = await CountTotalsAsync(db, members, cancellationToken);
            var facetCounts = new Dictionary<(Stock, Facet), FacetCount>();

            foreach (var pairs in SharedFacets(members))
            {
                if (pairs.Count == 1)
                {
                    facetCounts[pairs[0]] = await CountFacetAsync(db, pairs[0].Stock, pairs[0].Facet, cancellationToken);
                    continue;
                }

                var method = SharedFacetMethod.MakeGenericMethod(group.Key, pairs[0].Facet.ValueType);
                var counted = await (Task<List<List<FacetValueCount>>>)method.Invoke(null, [db, pairs.Select(p => p.Stock.Predicate).ToList(), pairs[0].Facet.Selector, cancellationToken])!;
                for (var i = 0; i < pairs.Count; i++)
                {
                    facetCounts[pairs[i]] = await CompleteAsync(db, pairs[i].Facet, counted[i], cancellationToken);
                }
            }

            for (var i = 0; i < members.Count; i++)
            {
                results.Add(new StockCount(members[i], totals[i], [.. members[i].Facets.Select(f => facetCounts[(members[i], f)])]));
            }
        }

        return results;
    }

    /// <summary>The totals of stocks of one entity type, in one query.</summary>
    public Task<long[]> CountTotalsAsync(DbContext db, IReadOnlyList<Stock> stocks, CancellationToken cancellationToken = default)
    {
        var entityType = SingleEntityType(stocks);
        return (Task<long[]>)TotalsMethod.MakeGenericMethod(entityType).Invoke(null, [db, stocks, cancellationToken])!;
    }

    /// <summary>The counts of one facet of a stock, in one GROUP BY; a fixed value list adds zero rows.</summary>
    public async Task<FacetCount> CountFacetAsync(DbContext db, Stock stock, Facet facet, CancellationToken cancellationToken = default)
    {
        var method = FacetMethod.MakeGenericMethod(stock.EntityType, facet.ValueType);
        var counted = await (Task<List<FacetValueCount>>)method.Invoke(null, [db, stock.Predicate, facet.Selector, cancellationToken])!;
        return await CompleteAsync(db, facet, counted, cancellationToken);
    }

    /// <summary>The facets of stocks of one type, grouped where stocks declare the same one (slug and selector) and so share one GROUP BY.</summary>
    internal static IEnumerable<List<(Stock Stock, Facet Facet)>> SharedFacets(IReadOnlyList<Stock> stocks) =>
        stocks.SelectMany(s => s.Facets.Select(f => (Stock: s, Facet: f)))
            .GroupBy(x => (x.Facet.Slug, x.Facet.ValueType, Selector: x.Facet.Selector.ToString()))
            .Select(g => g.ToList());

    /// <summary>
    /// The GROUP BY of one facet shared by several stocks of <typeparamref name="T"/>: a row per value
    /// with a conditional count per stock; exposed for start-up translation checks.
    /// </summary>
    internal static IQueryable<KeyValuePair<TKey, long[]>> SharedFacetQuery<T, TKey>(DbContext db, IReadOnlyList<LambdaExpression> predicates, Expression<Func<T, TKey>> selector)
        where T : class
    {
        var group = Expression.Parameter(typeof(IGrouping<TKey, T>), "g");
        var counts = predicates.Select(p => (Expression)Expression.Call(typeof(Enumerable), nameof(Enumerable.LongCount), [typeof(T)], group, p));
        var pair = typeof(KeyValuePair<TKey, long[]>).GetConstructor([typeof(TKey), typeof(long[])])!;
        var projection = Expression.Lambda<Func<IGrouping<TKey, T>, KeyValuePair<TKey, long[]>>>(
            Expression.New(pair, Expression.Property(group, nameof(IGrouping<TKey, T>.Key)), Expression.NewArrayInit(typeof(long), counts)),
            group);
        // No WHERE (p1 OR p2 …): it would spare grouping rows in none of the stocks, but evaluates every
        // predicate once more per row; with stocks covering the table it made P1 10 % slower.
        return db.Set<T>().GroupBy(selector).Select(projection);
    }

    // A value list (fixed, or read now) adds its absent values as zero rows; largest first, then by value.
    private static async Task<FacetCount> CompleteAsync(DbContext db, Facet facet, List<FacetValueCount> counted, CancellationToken cancellationToken)
    {
        if (await facet.ListValuesAsync(db, cancellationToken) is { } fixedValues)
        {
            var present = counted.Select(c => c.Value).ToHashSet();
            counted.AddRange(fixedValues.Select(FacetValue.Format).Where(v => !present.Contains(v)).Distinct().Select(v => new FacetValueCount(v, 0)));
        }

        return new FacetCount(facet, [.. counted.OrderByDescending(c => c.Count).ThenBy(c => c.Value, StringComparer.Ordinal)]);
    }

    /// <summary>The query that counts all given stocks of <typeparamref name="T"/>; exposed for start-up translation checks.</summary>
    internal static IQueryable<long[]> TotalsQuery<T>(DbContext db, IReadOnlyList<Stock> stocks)
        where T : class
    {
        var group = Expression.Parameter(typeof(IGrouping<int, T>), "g");
        var counts = stocks.Select(s => (Expression)Expression.Call(typeof(Enumerable), nameof(Enumerable.LongCount), [typeof(T)], group, s.Predicate));
        var selector = Expression.Lambda<Func<IGrouping<int, T>, long[]>>(Expression.NewArrayInit(typeof(long), counts), group);
        return db.Set<T>().GroupBy(_ => 1).Select(selector);
    }

    /// <summary>The GROUP BY query of one facet; exposed for start-up translation checks.</summary>
    internal static IQueryable<KeyValuePair<TKey, long>> FacetQuery<T, TKey>(DbContext db, Expression<Func<T, bool>> predicate, Expression<Func<T, TKey>> selector)
        where T : class =>
        db.Set<T>().Where(predicate).GroupBy(selector).Select(g => new KeyValuePair<TKey, long>(g.Key, g.LongCount()));

    private static async Task<long[]> CountTotalsCoreAsync<T>(DbContext db, IReadOnlyList<Stock> stocks, CancellationToken cancellationToken)
        where T : class
    {
        // An empty table has no group and so no row: every stock counts zero.
        var rows = await TotalsQuery<T>(db, stocks).ToListAsync(cancellationToken);
        return rows.Count > 0 ? rows[0] : new long[stocks.Count];
    }

    private static async Task<List<FacetValueCount>> CountFacetCoreAsync<T, TKey>(DbContext db, Expression<Func<T, bool>> predicate, Expression<Func<T, TKey>> selector, CancellationToken cancellationToken)
        where T : class
    {
        var rows = await FacetQuery(db, predicate, selector).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new FacetValueCount(FacetValue.Format(r.Key), r.Value))];
    }

    private static async Task<List<List<FacetValueCount>>> CountSharedFacetCoreAsync<T, TKey>(DbContext db, List<LambdaExpression> predicates, Expression<Func<T, TKey>> selector, CancellationToken cancellationToken)
        where T : class
    {
        var rows = await SharedFacetQuery(db, predicates, selector).ToListAsync(cancellationToken);

        // A value none of a stock's members has is not one of its groups.
        return [.. predicates.Select((_, i) => rows.Where(r => r.Value[i] > 0).Select(r => new FacetValueCount(FacetValue.Format(r.Key), r.Value[i])).ToList())];
    }

    private static Type SingleEntityType(IReadOnlyList<Stock> stocks)
    {
        var types = stocks.Select(s => s.EntityType).Distinct().ToList();
        return types.Count == 1 ? types[0] : throw new ArgumentException("Stocks counted in one query must share an entity type.", nameof(stocks));
    }
}
