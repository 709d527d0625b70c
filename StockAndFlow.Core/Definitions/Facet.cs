using System.Linq.Expressions;

namespace StockAndFlow.Definitions;

/// <summary>
/// A breakdown of a stock by the value of a field, possibly on a related entity
/// (<c>l =&gt; l.Owner!.Name</c>). NULL values form their own bucket.
/// </summary>
public sealed class Facet
{
    internal Facet(string slug, LambdaExpression selector, IReadOnlyList<object?>? values)
    {
        Slug = slug;
        Name = slug;
        Selector = selector;
        Values = values;
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
}
