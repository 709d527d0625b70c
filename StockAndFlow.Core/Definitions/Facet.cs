using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace StockAndFlow.Definitions;

/// <summary>
/// A breakdown of a stock by the value of a field, possibly on a related entity
/// (<c>l =&gt; l.Owner!.Name</c>). NULL values form their own bucket.
/// </summary>
public sealed class Facet
{
    internal Facet(string slug, LambdaExpression selector, IReadOnlyList<object?>? values, Func<DbContext, IQueryable>? valuesQuery = null, Func<DbContext, CancellationToken, Task<List<object?>>>? loadValues = null)
    {
        ValuesQuery = valuesQuery;
        Slug = slug;
        Name = slug;
        Selector = selector;
        Values = values;
        LoadValues = loadValues;
    }

    /// <summary>Kebab-case identifier, unique within its stock.</summary>
    public string Slug { get; }

    /// <summary>Display name; the slug unless named.</summary>
    public string Name { get; internal set; }

    /// <summary>The selector, from the stock's entity to the facet value.</summary>
    public LambdaExpression Selector { get; }

    /// <summary>The type of the facet value.</summary>
    public Type ValueType => Selector.ReturnType;

    /// <summary>
    /// Optional fixed list of values: each is counted even when no row has it (a zero record).
    /// </summary>
    public IReadOnlyList<object?>? Values { get; }

    /// <summary>
    /// True when the value list is a query read from the database at every count (values added later,
    /// such as a new plan, are counted as zero from then on) rather than a fixed list.
    /// </summary>
    public bool ValuesFromDatabase => LoadValues is not null;

    internal Func<DbContext, CancellationToken, Task<List<object?>>>? LoadValues { get; }

    /// <summary>The value list's query, translated at start-up like the facet's own query.</summary>
    internal Func<DbContext, IQueryable>? ValuesQuery { get; }

    /// <summary>The listed values as of now: the fixed list, or the query's result read through <paramref name="db"/>.</summary>
    public async Task<IReadOnlyList<object?>?> ListValuesAsync(DbContext db, CancellationToken cancellationToken = default) =>
        LoadValues is null ? Values : await LoadValues(db, cancellationToken);
}
