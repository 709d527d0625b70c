using StockAndFlow.Storage;
using System.ComponentModel;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using StockAndFlow.Capture;
using StockAndFlow.Counting;
using StockAndFlow.Definitions;

namespace StockAndFlow.Reading;

/// <summary>
/// The rows behind a stock's count, or a flow's movers (<see cref="MemberSource"/>): paginated, sortable by any shown column, filterable by a facet
/// value, a text search and explicit keys. Columns are the entity's scalar properties (key first, at
/// most <see cref="MaxColumns"/>), so it works for any entity without configuration.
/// </summary>
public sealed class MemberQuery
{
    /// <summary>The largest page size served.</summary>
    public const int MaxPageSize = 200;

    /// <summary>The most columns shown.</summary>
    public const int MaxColumns = 8;

    private static readonly MethodInfo PageMethod = typeof(MemberQuery).GetMethod(nameof(PageCoreAsync), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo FacetCountsMethod = typeof(MemberQuery).GetMethod(nameof(FacetCountsCoreAsync), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo FacetValuesMethod = typeof(MemberQuery).GetMethod(nameof(FacetValuesAsync), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo SelectionMethod = typeof(MemberQuery).GetMethods(BindingFlags.Public | BindingFlags.Static)
        .Single(m => m.Name == nameof(Selection) && m.GetParameters()[1].ParameterType == typeof(Stock));

    /// <summary>The columns shown for an entity type.</summary>
    public static IReadOnlyList<MemberColumn> Columns(DbContext db, Type entityType)
    {
        var key = KeyOf(db, entityType);
        var type = db.Model.FindEntityType(entityType)!;
        return [.. key.Concat(type.GetProperties().Where(p => !p.IsPrimaryKey() && !p.IsShadowProperty() && Shown(p)))
            .Take(MaxColumns)
            .Select(p => new MemberColumn(p.Name, p.ClrType, p.IsPrimaryKey()))];
    }

    /// <summary>The name of the column that sorts movers by when they moved (their latest event in the range).</summary>
    public const string MovedAtColumn = "movedAt";

    /// <summary>A page of members of <paramref name="stock"/> matching <paramref name="filter"/>.</summary>
    public static Task<MemberPage> PageAsync(DbContext db, Stock stock, MemberSelection filter, string? sort, bool descending, int page, int pageSize, CancellationToken cancellationToken = default) =>
        PageAsync(db, MemberSource.Members(stock), filter, sort, descending, page, pageSize, cancellationToken);

    /// <summary>
    /// A page of the rows of <paramref name="source"/> matching <paramref name="filter"/>. Movers also sort
    /// by <see cref="MovedAtColumn"/> (their default, newest first) and carry <see cref="MemberRow.MovedAt"/>.
    /// </summary>
    public static Task<MemberPage> PageAsync(DbContext db, MemberSource source, MemberSelection filter, string? sort, bool descending, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (page < 1)
        {
            throw new MemberQueryException("page must be 1 or more.");
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            throw new MemberQueryException($"pageSize must be between 1 and {MaxPageSize}.");
        }

        return (Task<MemberPage>)PageMethod.MakeGenericMethod(source.EntityType).Invoke(null, [db, source, filter, sort, descending, page, pageSize, cancellationToken])!;
    }

    /// <summary>The filter as a predicate over <typeparamref name="T"/> (not including the stock's own predicate).</summary>
    public static Expression<Func<T, bool>> Selection<T>(DbContext db, Stock stock, MemberSelection filter)
        where T : class =>
        Selection<T>(db, MemberSource.Members(stock), filter);

    /// <summary>The filter as a predicate over <typeparamref name="T"/> (not including the source's own rows).</summary>
    public static Expression<Func<T, bool>> Selection<T>(DbContext db, MemberSource source, MemberSelection filter)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(filter);
        var row = Expression.Parameter(typeof(T), "row");
        Expression body = Expression.Constant(true);
        if (filter.Facet is not null)
        {
            var facet = source.FacetOf(filter.Facet);
            var value = Expression.Invoke(facet.Selector, row);
            body = Expression.AndAlso(body, filter.ValueIsNull
                ? NullCheck(value, facet)
                : Expression.Equal(value, Parameter(Parse(facet, filter.Value ?? ""), facet.ValueType)));
        }

        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            body = Expression.AndAlso(body, SearchExpression(db, row, typeof(T), filter.Search.Trim()));
        }

        if (filter.Keys is { Count: > 0 } keys)
        {
            body = Expression.AndAlso(body, KeyIn(db, row, typeof(T), keys));
        }

        return Expression.Lambda<Func<T, bool>>(body, row);
    }

    /// <summary>The filter as a predicate over the stock's entity type, untyped.</summary>
    public static LambdaExpression UntypedSelection(DbContext db, Stock stock, MemberSelection filter) =>
        (LambdaExpression)SelectionMethod.MakeGenericMethod(stock.EntityType).Invoke(null, [db, stock, filter])!;

    /// <summary>
    /// The rows of <paramref name="source"/> by the value of each of its facets (one GROUP BY per facet),
    /// largest first: what a list offers to filter by.
    /// </summary>
    public static Task<IReadOnlyList<FacetCount>> FacetCountsAsync(DbContext db, MemberSource source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        return (Task<IReadOnlyList<FacetCount>>)FacetCountsMethod.MakeGenericMethod(source.EntityType).Invoke(null, [db, source, cancellationToken])!;
    }

    /// <summary>The rows of <typeparamref name="T"/> whose key is one of <paramref name="keys"/>.</summary>
    internal static Expression<Func<T, bool>> KeyIn<T>(DbContext db, IReadOnlyList<string> keys)
    {
        var row = Expression.Parameter(typeof(T), "row");
        return Expression.Lambda<Func<T, bool>>(KeyIn(db, row, typeof(T), keys), row);
    }

    private static async Task<MemberPage> PageCoreAsync<T>(DbContext db, MemberSource source, MemberSelection filter, string? sort, bool descending, int page, int pageSize, CancellationToken cancellationToken)
        where T : class
    {
        var columns = Columns(db, typeof(T));
        var (sourceRows, movedAt) = await source.ResolveAsync<T>(db, cancellationToken);
        var byMove = movedAt is not null && (sort is null || string.Equals(sort, MovedAtColumn, StringComparison.OrdinalIgnoreCase));
        var sortColumn = byMove || sort is null ? columns[0] : columns.FirstOrDefault(c => string.Equals(c.Name, sort, StringComparison.OrdinalIgnoreCase))
            ?? throw new MemberQueryException($"Cannot sort by '{sort}'. Sortable columns: {string.Join(", ", columns.Select(c => c.Name).Concat(movedAt is null ? [] : [MovedAtColumn]))}.");
        descending = (byMove && sort is null) || descending;
        var query = db.Set<T>().AsNoTracking().Where(sourceRows).Where(Selection<T>(db, source, filter));
        var total = await query.LongCountAsync(cancellationToken);
        var key = KeyOf(db, typeof(T));
        string KeyText(T entity)
        {
            var entry = db.Entry(entity);
            return SubjectKey.Join(key.Select(p => entry.Property(p.Name).CurrentValue));
        }

        List<T> entities;
        if (byMove)
        {
            // The time comes from the events, not the row: order the matching keys here, then read one page of rows.
            var row = Expression.Parameter(typeof(T), "row");
            var keyValues = Expression.Lambda<Func<T, object?[]>>(
                Expression.NewArrayInit(typeof(object), key.Select(p => Expression.Call(typeof(EF), nameof(EF.Property), [typeof(object)], row, Expression.Constant(p.Name)))), row);
            var keys = (await query.Select(keyValues).ToListAsync(cancellationToken)).Select(k => (Values: k, Text: SubjectKey.Join(k))).ToList();
            var ordered = descending ? keys.OrderByDescending(k => movedAt![k.Text]) : keys.OrderBy(k => movedAt![k.Text]);
            var pageKeys = ordered.ThenBy(k => k.Values, KeyOrder.Instance).Skip((page - 1) * pageSize).Take(pageSize).ToList();
            var position = pageKeys.Select((k, i) => (k.Text, i)).ToDictionary(p => p.Text, p => p.i, StringComparer.Ordinal);
            var loaded = await db.Set<T>().AsNoTracking().Where(Expression.Lambda<Func<T, bool>>(RowKeys.In(row, key, [.. pageKeys.Select(k => k.Values)]), row)).ToListAsync(cancellationToken);
            entities = [.. loaded.OrderBy(e => position[KeyText(e)])];
        }
        else
        {
            // Ties on the sort column fall back to the key, so pages neither repeat nor skip rows.
            var ordered = OrderBy(query, sortColumn.Name, descending);
            foreach (var part in key.Where(p => p.Name != sortColumn.Name))
            {
                ordered = ThenBy(ordered, part.Name);
            }

            entities = await ordered.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        }

        var rows = entities.Select(e =>
        {
            var entry = db.Entry(e);
            var text = KeyText(e);
            return new MemberRow(text, [.. columns.Select(c => entry.Property(c.Name).CurrentValue)]) { MovedAt = movedAt?.GetValueOrDefault(text) };
        }).ToList();
        return new MemberPage(columns, rows, total, page, pageSize, byMove ? MovedAtColumn : sortColumn.Name, descending);
    }

    private static async Task<IReadOnlyList<FacetCount>> FacetCountsCoreAsync<T>(DbContext db, MemberSource source, CancellationToken cancellationToken)
        where T : class
    {
        var (rows, _) = await source.ResolveAsync<T>(db, cancellationToken);
        var result = new List<FacetCount>();
        foreach (var facet in source.Facets)
        {
            var values = await (Task<List<FacetValueCount>>)FacetValuesMethod.MakeGenericMethod(typeof(T), facet.ValueType).Invoke(null, [db, rows, facet.Selector, cancellationToken])!;
            result.Add(new FacetCount(facet, [.. values.OrderByDescending(v => v.Count).ThenBy(v => v.Value, StringComparer.Ordinal)]));
        }

        return result;
    }

    private static async Task<List<FacetValueCount>> FacetValuesAsync<T, TValue>(DbContext db, Expression<Func<T, bool>> rows, Expression<Func<T, TValue>> selector, CancellationToken cancellationToken)
        where T : class =>
        [.. (await StockCounter.FacetQuery(db, rows, selector).ToListAsync(cancellationToken)).Select(p => new FacetValueCount(FacetValue.Format(p.Key), p.Value))];

    private static bool Shown(IProperty property)
    {
        var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(DateTime) || type == typeof(Guid) || type == typeof(DateTimeOffset);
    }

    private static IOrderedQueryable<T> OrderBy<T>(IQueryable<T> query, string property, bool descending) =>
        (IOrderedQueryable<T>)Order(query, descending ? nameof(Queryable.OrderByDescending) : nameof(Queryable.OrderBy), property);

    private static IOrderedQueryable<T> ThenBy<T>(IOrderedQueryable<T> query, string property) =>
        (IOrderedQueryable<T>)Order(query, nameof(Queryable.ThenBy), property);

    private static IQueryable Order<T>(IQueryable<T> query, string method, string property)
    {
        var row = Expression.Parameter(typeof(T), "row");
        var member = Expression.Property(row, property);
        var lambda = Expression.Lambda(member, row);
        var call = Expression.Call(typeof(Queryable), method, [typeof(T), member.Type], query.Expression, Expression.Quote(lambda));
        return query.Provider.CreateQuery<T>(call);
    }

    private static Expression NullCheck(Expression value, Facet facet) =>
        facet.ValueType.IsValueType && Nullable.GetUnderlyingType(facet.ValueType) is null
            ? Expression.Constant(false)
            : Expression.Equal(value, Expression.Constant(null, facet.ValueType));

    private static object? Parse(Facet facet, string text)
    {
        var type = Nullable.GetUnderlyingType(facet.ValueType) ?? facet.ValueType;
        try
        {
            return type == typeof(string) ? text
                : type.IsEnum ? Enum.Parse(type, text, ignoreCase: true)
                : type == typeof(bool) ? bool.Parse(text)
                : TypeDescriptor.GetConverter(type).ConvertFromInvariantString(text);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or NotSupportedException or OverflowException)
        {
            throw new MemberQueryException($"'{text}' is not a valid value of facet '{facet.Slug}' ({type.Name}).", ex);
        }
    }

    // A member access on a closure object, so EF sends the value as a parameter, not a literal.
    private static Expression Parameter(object? value, Type type) =>
        Expression.Convert(Expression.Property(Expression.Constant(new Boxed(value)), nameof(Boxed.Value)), type);

    private static Expression SearchExpression(DbContext db, ParameterExpression row, Type entityType, string term)
    {
        var texts = Columns(db, entityType).Where(c => c.Type == typeof(string)).ToList();
        if (texts.Count == 0)
        {
            return Expression.Constant(false);
        }

        var lowered = Expression.Property(Expression.Constant(new Boxed(term.ToLowerInvariant())), nameof(Boxed.Value));
        var needle = Expression.Convert(lowered, typeof(string));
        var toLower = typeof(string).GetMethod(nameof(string.ToLower), Type.EmptyTypes)!;
        var contains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;
        return texts
            .Select(c =>
            {
                var property = Expression.Property(row, c.Name);
                return (Expression)Expression.AndAlso(
                    Expression.NotEqual(property, Expression.Constant(null, typeof(string))),
                    Expression.Call(Expression.Call(property, toLower), contains, needle));
            })
            .Aggregate(Expression.OrElse);
    }

    private static Expression KeyIn(DbContext db, ParameterExpression row, Type entityType, IReadOnlyList<string> keys)
    {
        var key = KeyOf(db, entityType);
        if (key.Count > 1 && keys.Count > RowKeys.MaxCompositeKeys)
        {
            // More keys than one OR of ANDs takes (a flow's movers): compare the key written as text.
            return RowKeys.WritesAsText(key)
                ? RowKeys.TextIn(row, key, keys)
                : throw new MemberQueryException($"{keys.Count} rows of {entityType.Name} are more than its key of {key.Count} columns can be picked by at once ({RowKeys.MaxCompositeKeys}); narrow the range or the filter.");
        }

        var values = new List<object?[]>(keys.Count);
        foreach (var k in keys)
        {
            try
            {
                values.Add(RowKeys.Parse(key, k));
            }
            catch (FormatException ex)
            {
                throw new MemberQueryException($"'{k}' is not a valid key of {entityType.Name}.", ex);
            }
        }

        return RowKeys.In(row, key, values);
    }

    // The rows are listed and picked by their primary key; an entity without one (a keyless view) has no members to list.
    private static IReadOnlyList<IProperty> KeyOf(DbContext db, Type entityType) =>
        (db.Model.FindEntityType(entityType) ?? throw new InvalidOperationException($"{db.GetType().Name} does not map {entityType.Name}.")).FindPrimaryKey()?.Properties
        ?? throw new MemberQueryException($"{entityType.Name} has no primary key, so its rows cannot be listed or picked one by one.");

    // Key values in order, column by column, for sorting movers that moved at the same time.
    private sealed class KeyOrder : IComparer<object?[]>
    {
        public static readonly KeyOrder Instance = new();

        public int Compare(object?[]? x, object?[]? y)
        {
            for (var i = 0; i < Math.Min(x!.Length, y!.Length); i++)
            {
                var order = Comparer<object>.Default.Compare(x[i], y[i]);
                if (order != 0)
                {
                    return order;
                }
            }

            return 0;
        }
    }

    private sealed record Boxed(object? Value);
}
