using StockAndFlow.Storage;
using System.ComponentModel;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using StockAndFlow.Capture;
using StockAndFlow.Definitions;

namespace StockAndFlow.Reading;

/// <summary>
/// The rows behind a stock's count: paginated, sortable by any shown column, filterable by a facet
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
    private static readonly MethodInfo SelectionMethod = typeof(MemberQuery).GetMethod(nameof(Selection), BindingFlags.Public | BindingFlags.Static)!;

    /// <summary>The columns shown for an entity type.</summary>
    public static IReadOnlyList<MemberColumn> Columns(DbContext db, Type entityType)
    {
        var type = db.Model.FindEntityType(entityType) ?? throw new InvalidOperationException($"{db.GetType().Name} does not map {entityType.Name}.");
        var key = type.FindPrimaryKey()!.Properties;
        return [.. key.Concat(type.GetProperties().Where(p => !p.IsPrimaryKey() && !p.IsShadowProperty() && Shown(p)))
            .Take(MaxColumns)
            .Select(p => new MemberColumn(p.Name, p.ClrType, p.IsPrimaryKey()))];
    }

    /// <summary>A page of members of <paramref name="stock"/> matching <paramref name="filter"/>.</summary>
    public static Task<MemberPage> PageAsync(DbContext db, Stock stock, MemberSelection filter, string? sort, bool descending, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        if (page < 1)
        {
            throw new MemberQueryException("page must be 1 or more.");
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            throw new MemberQueryException($"pageSize must be between 1 and {MaxPageSize}.");
        }

        return (Task<MemberPage>)PageMethod.MakeGenericMethod(stock.EntityType).Invoke(null, [db, stock, filter, sort, descending, page, pageSize, cancellationToken])!;
    }

    /// <summary>The filter as a predicate over <typeparamref name="T"/> (not including the stock's own predicate).</summary>
    public static Expression<Func<T, bool>> Selection<T>(DbContext db, Stock stock, MemberSelection filter)
        where T : class
    {
        var row = Expression.Parameter(typeof(T), "row");
        Expression body = Expression.Constant(true);
        if (filter.Facet is not null)
        {
            var facet = stock.Facets.FirstOrDefault(f => f.Slug == filter.Facet)
                ?? throw new MemberQueryException($"Stock '{stock.Slug}' has no facet '{filter.Facet}'. Known: {string.Join(", ", stock.Facets.Select(f => f.Slug))}.");
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

    private static async Task<MemberPage> PageCoreAsync<T>(DbContext db, Stock stock, MemberSelection filter, string? sort, bool descending, int page, int pageSize, CancellationToken cancellationToken)
        where T : class
    {
        var columns = Columns(db, typeof(T));
        var sortColumn = sort is null ? columns[0] : columns.FirstOrDefault(c => string.Equals(c.Name, sort, StringComparison.OrdinalIgnoreCase))
            ?? throw new MemberQueryException($"Cannot sort by '{sort}'. Sortable columns: {string.Join(", ", columns.Select(c => c.Name))}.");
        var query = db.Set<T>().AsNoTracking().Where(((Stock<T>)stock).TypedPredicate).Where(Selection<T>(db, stock, filter));
        var total = await query.LongCountAsync(cancellationToken);
        var ordered = OrderBy(query, sortColumn.Name, descending);
        if (!sortColumn.IsKey)
        {
            ordered = ThenBy(ordered, columns[0].Name);
        }

        var entities = await ordered.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        var keyName = columns[0].Name;
        var rows = entities.Select(e =>
        {
            var entry = db.Entry(e);
            return new MemberRow(SubjectKey.Format(entry.Property(keyName).CurrentValue), [.. columns.Select(c => entry.Property(c.Name).CurrentValue)]);
        }).ToList();
        return new MemberPage(columns, rows, total, page, pageSize, sortColumn.Name, descending);
    }

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
        var key = db.Model.FindEntityType(entityType)!.FindPrimaryKey()!.Properties[0];
        var converter = TypeDescriptor.GetConverter(key.ClrType);
        var listType = typeof(List<>).MakeGenericType(key.ClrType);
        var list = (System.Collections.IList)Activator.CreateInstance(listType)!;
        foreach (var k in keys)
        {
            try
            {
                list.Add(converter.ConvertFromInvariantString(k));
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or NotSupportedException or OverflowException)
            {
                throw new MemberQueryException($"'{k}' is not a valid key of {entityType.Name}.", ex);
            }
        }

        var values = Expression.Convert(Expression.Property(Expression.Constant(new Boxed(list)), nameof(Boxed.Value)), listType);
        return Expression.Call(values, listType.GetMethod(nameof(List<object>.Contains))!, Expression.Property(row, key.Name));
    }

    private sealed record Boxed(object? Value);
}
