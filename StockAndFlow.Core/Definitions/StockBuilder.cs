using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace StockAndFlow.Definitions;

/// <summary>Fluent configuration of a <see cref="Stock{T}"/>; converts to the stock it builds.</summary>
public sealed class StockBuilder<T>
    where T : class
{
    internal StockBuilder(Stock<T> stock) => Stock = stock;

    /// <summary>The stock being configured.</summary>
    public Stock<T> Stock { get; }

    /// <summary>Sets the display name.</summary>
    public StockBuilder<T> Named(string name)
    {
        Stock.Name = name;
        return this;
    }

    /// <summary>Sets the description.</summary>
    public StockBuilder<T> Describe(string description)
    {
        Stock.Description = description;
        return this;
    }

    /// <summary>
    /// Which way the stock should move, so a change is coloured as good or bad news; higher is better
    /// unless declared (<see cref="StockDirection.LowerIsBetter"/> for churned customers).
    /// </summary>
    public StockBuilder<T> Direction(StockDirection direction)
    {
        Stock.Direction = direction;
        return this;
    }

    /// <summary>
    /// Adds a facet: a breakdown by <paramref name="selector"/>, which may reach a related entity.
    /// With <paramref name="values"/>, each listed value is counted even when no row has it.
    /// </summary>
    public StockBuilder<T> Facet<TValue>(string slug, Expression<Func<T, TValue>> selector, IEnumerable<TValue>? values = null, string? name = null)
    {
        var facet = new Facet(slug, selector, values?.Select(v => (object?)v).ToList());
        if (name is not null)
        {
            facet.Name = name;
        }

        Stock.AddFacet(facet);
        return this;
    }

    /// <summary>
    /// Adds a facet whose value list is read from the database at every count, as django-stockandflow
    /// re-evaluated a value queryset at every use: each value <paramref name="values"/> returns then is
    /// counted even when no row of the stock has it, so a value added later (a new plan) shows as zero.
    /// </summary>
    public StockBuilder<T> Facet<TValue>(string slug, Expression<Func<T, TValue>> selector, Func<DbContext, IQueryable<TValue>> values, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        var facet = new Facet(slug, selector, null, values, async (db, ct) => [.. (await values(db).Distinct().ToListAsync(ct)).Select(v => (object?)v)]);
        if (name is not null)
        {
            facet.Name = name;
        }

        Stock.AddFacet(facet);
        return this;
    }

    /// <summary>The stock being configured.</summary>
    public static implicit operator Stock<T>(StockBuilder<T> builder) => builder.Stock;
}
