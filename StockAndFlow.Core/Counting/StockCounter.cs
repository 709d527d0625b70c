using StockAndFlow.Storage;
using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using StockAndFlow.Definitions;

namespace StockAndFlow.Counting;

/// <summary>
/// Counts stocks set-based, without loading rows. For each entity type it first tries one query: a
/// <c>GROUP BY</c> of every facet its stocks declare (up to four) with a conditional count per stock in
/// each group (<c>COUNT(CASE WHEN predicate THEN 1 END)</c>), from which the totals and every facet's
/// counts are summed. When that grouping has more than <see cref="MaxCombinedGroups"/> groups (many
/// facets × many values, where the groups approach the rows) or more than four facets, the type is
/// counted with one conditional aggregate for the totals and one <c>GROUP BY</c> per facet — shared by
/// the stocks that declare the same facet — and that choice is kept for the life of the counter.
/// django-stockandflow ran one COUNT per stock and per facet value.
/// </summary>
public sealed class StockCounter(StockAndFlowModel model)
{
    /// <summary>The most groups the one <c>GROUP BY</c> of every facet may return before an entity type is counted per facet.</summary>
    public const int MaxCombinedGroups = 10_000;

    private static readonly Type[] GroupKeyTypes = [typeof(FacetGroupKey<>), typeof(FacetGroupKey<,>), typeof(FacetGroupKey<,,>), typeof(FacetGroupKey<,,,>)];
    private static readonly MethodInfo CombinedMethod = typeof(StockCounter).GetMethod(nameof(CountCombinedCoreAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    // Entity types whose facets are counted one GROUP BY each: their combined grouping had too many
    // groups or could not be translated. Learned once per type; it only ever chooses the slower shape.
    private readonly ConcurrentDictionary<Type, bool> _perFacet = new();

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
            if (await CountCombinedAsync(db, group.Key, members, cancellationToken) is { } combined)
            {
                results.AddRange(combined);
                continue;
            }

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

    // The stocks of one entity type from one GROUP BY of all their facets, or null when that type is
    // counted per facet (no facets, more than four, too many groups, or a grouping EF cannot translate).
    private async Task<List<StockCount>?> CountCombinedAsync(DbContext db, Type entityType, List<Stock> stocks, CancellationToken cancellationToken)
    {
        if (_perFacet.ContainsKey(entityType) || CombinedPlan(stocks) is not { } plan)
        {
            return null;
        }

        var (facets, keyType) = plan;

        List<(object?[] Key, long[] Counts)>? rows;
        try
        {
            rows = await (Task<List<(object?[] Key, long[] Counts)>?>)CombinedMethod.MakeGenericMethod(entityType, keyType)
                .Invoke(null, [db, stocks.Select(s => s.Predicate).ToList(), facets.Select(f => f[0].Facet.Selector).ToList(), cancellationToken])!;
        }
        catch (InvalidOperationException)
        {
            // EF could not translate the composite grouping (each facet's own GROUP BY is checked at
            // start-up); count this type per facet from now on.
            rows = null;
        }

        if (rows is null)
        {
            _perFacet.TryAdd(entityType, true);
            return null;
        }

        var results = new List<StockCount>(stocks.Count);
        for (var i = 0; i < stocks.Count; i++)
        {
            var stockFacets = new List<FacetCount>();
            foreach (var facet in stocks[i].Facets)
            {
                var column = facets.FindIndex(f => f.Any(p => ReferenceEquals(p.Stock, stocks[i]) && ReferenceEquals(p.Facet, facet)));
                var counted = rows.Where(r => r.Counts[i] > 0)
                    .GroupBy(r => FacetValue.Format(r.Key[column]))
                    .Select(g => new FacetValueCount(g.Key, g.Sum(r => r.Counts[i])))
                    .ToList();
                stockFacets.Add(await CompleteAsync(db, facet, counted, cancellationToken));
            }

            results.Add(new StockCount(stocks[i], rows.Sum(r => r.Counts[i]), stockFacets));
        }

        return results;
    }

    /// <summary>
    /// The one GROUP BY of several facets of <typeparamref name="T"/> (selectors into the properties of
    /// <typeparamref name="TKey"/>, a <c>FacetGroupKey</c>) with a conditional count per stock in each
    /// group; exposed for start-up translation checks.
    /// </summary>
    internal static IQueryable<KeyValuePair<TKey, long[]>> CombinedQuery<T, TKey>(DbContext db, IReadOnlyList<LambdaExpression> predicates, IReadOnlyList<LambdaExpression> selectors)
        where T : class
    {
        var row = Expression.Parameter(typeof(T), "x");
        var key = Expression.MemberInit(
            Expression.New(typeof(TKey)),
            selectors.Select((selector, i) => (MemberBinding)Expression.Bind(typeof(TKey).GetProperty("K" + i)!, ParameterRebinder.Body(selector, row))));
        var groups = db.Set<T>().GroupBy(Expression.Lambda<Func<T, TKey>>(key, row));

        // Ordered by the first facet so that the limit the counter puts on it is well defined (and EF
        // Core does not warn of a row limit without an order); the groups are few when it matters.
        var group = Expression.Parameter(typeof(IGrouping<TKey, T>), "g");
        var first = Expression.Property(Expression.Property(group, nameof(IGrouping<TKey, T>.Key)), "K0");
        var ordered = groups.Provider.CreateQuery<IGrouping<TKey, T>>(Expression.Call(
            typeof(Queryable), nameof(Queryable.OrderBy), [typeof(IGrouping<TKey, T>), first.Type], groups.Expression, Expression.Quote(Expression.Lambda(first, group))));
        return ordered.Select(CountsPerStock<T, TKey>(predicates));
    }

    /// <summary>The one GROUP BY of every facet of these stocks of one entity type, or null when they have none or more than four; exposed for translation checks.</summary>
    internal static IQueryable? CombinedQuery(DbContext db, IReadOnlyList<Stock> stocks)
    {
        if (CombinedPlan(stocks) is not { } plan)
        {
            return null;
        }

        var (facets, keyType) = plan;

        return (IQueryable)typeof(StockCounter).GetMethod(nameof(CombinedQuery), 2, BindingFlags.NonPublic | BindingFlags.Static, [typeof(DbContext), typeof(IReadOnlyList<LambdaExpression>), typeof(IReadOnlyList<LambdaExpression>)])!
            .MakeGenericMethod(SingleEntityType(stocks), keyType)
            .Invoke(null, [db, stocks.Select(s => s.Predicate).ToList(), facets.Select(f => f[0].Facet.Selector).ToList()])!;
    }

    // The facets of these stocks (shared ones once) and the key type of their one GROUP BY, or null
    // when they have no facet or more than four.
    private static (List<List<(Stock Stock, Facet Facet)>> Facets, Type KeyType)? CombinedPlan(IReadOnlyList<Stock> stocks)
    {
        var facets = SharedFacets(stocks).ToList();
        return facets.Count == 0 || facets.Count > GroupKeyTypes.Length
            ? null
            : (facets, GroupKeyTypes[facets.Count - 1].MakeGenericType([.. facets.Select(f => f[0].Facet.ValueType)]));
    }

    private static async Task<List<(object?[] Key, long[] Counts)>?> CountCombinedCoreAsync<T, TKey>(DbContext db, List<LambdaExpression> predicates, List<LambdaExpression> selectors, CancellationToken cancellationToken)
        where T : class
    {
        var rows = await CombinedQuery<T, TKey>(db, predicates, selectors).Take(MaxCombinedGroups + 1).ToListAsync(cancellationToken);
        if (rows.Count > MaxCombinedGroups)
        {
            return null;
        }

        var columns = Enumerable.Range(0, selectors.Count).Select(i => typeof(TKey).GetProperty("K" + i)!).ToArray();
        return [.. rows.Select(r => (columns.Select(c => c.GetValue(r.Key)).ToArray(), r.Value))];
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
        where T : class =>
        db.Set<T>().GroupBy(selector).Select(CountsPerStock<T, TKey>(predicates));

    // g => new KeyValuePair(g.Key, [g.LongCount(p1), g.LongCount(p2), …]): one conditional count per stock in a group.
    private static Expression<Func<IGrouping<TKey, T>, KeyValuePair<TKey, long[]>>> CountsPerStock<T, TKey>(IReadOnlyList<LambdaExpression> predicates)
    {
        var group = Expression.Parameter(typeof(IGrouping<TKey, T>), "g");
        var counts = predicates.Select(p => (Expression)Expression.Call(typeof(Enumerable), nameof(Enumerable.LongCount), [typeof(T)], group, p));
        var pair = typeof(KeyValuePair<TKey, long[]>).GetConstructor([typeof(TKey), typeof(long[])])!;
        // No WHERE (p1 OR p2 …): it would spare grouping rows in none of the stocks, but evaluates every
        // predicate once more per row; with stocks covering the table it made P1 10 % slower.
        return Expression.Lambda<Func<IGrouping<TKey, T>, KeyValuePair<TKey, long[]>>>(
            Expression.New(pair, Expression.Property(group, nameof(IGrouping<TKey, T>.Key)), Expression.NewArrayInit(typeof(long), counts)),
            group);
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
