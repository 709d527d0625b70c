using System.Linq.Expressions;

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

    /// <summary>The stock being configured.</summary>
    public static implicit operator Stock<T>(StockBuilder<T> builder) => builder.Stock;
}
