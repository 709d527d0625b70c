using System.Linq.Expressions;

namespace StockAndFlow.Definitions;

/// <summary>
/// An accumulation: the rows of one entity type that satisfy a predicate, counted periodically.
/// </summary>
public abstract class Stock
{
    private readonly List<Facet> _facets = [];

    private protected Stock(string slug, Type entityType, string? definedBy)
    {
        Slug = slug;
        Name = slug;
        EntityType = entityType;
        DefinedBy = definedBy;
    }

    /// <summary>
    /// Outside every stock of an entity type: the source of rows that are added (or that enter
    /// their first stock) and the sink of rows that are deleted (or that leave their last stock).
    /// </summary>
    public static Stock External { get; } = new ExternalStock();

    /// <summary>Unique kebab-case identifier, used in URLs and records.</summary>
    public string Slug { get; }

    /// <summary>Display name; the slug unless named.</summary>
    public string Name { get; internal set; }

    /// <summary>Optional longer text for operators.</summary>
    public string? Description { get; internal set; }

    /// <summary>Which way the stock should move; decides the colour of every change.</summary>
    public StockDirection Direction { get; internal set; }

    /// <summary>The EF Core entity type whose rows this stock holds.</summary>
    public Type EntityType { get; }

    /// <summary>Membership predicate, translated to SQL for counting.</summary>
    public abstract LambdaExpression Predicate { get; }

    /// <summary>Breakdowns of this stock by a field.</summary>
    public IReadOnlyList<Facet> Facets => _facets;

    /// <summary>True for <see cref="External"/>.</summary>
    public bool IsExternal => this is ExternalStock;

    /// <summary>The definition class that declared this stock, for error messages.</summary>
    public string? DefinedBy { get; }

    internal void AddFacet(Facet facet) => _facets.Add(facet);

    /// <summary>Evaluates the predicate on an in-memory instance.</summary>
    internal abstract bool Contains(object row);

    /// <inheritdoc />
    public override string ToString() => IsExternal ? "External" : $"stock '{Slug}'";

    private sealed class ExternalStock : Stock
    {
        public ExternalStock()
            : base("external", typeof(object), null) => Name = "External";

        public override LambdaExpression Predicate =>
            throw new InvalidOperationException("External is not a real stock and has no predicate.");

        internal override bool Contains(object row) => false;
    }
}

/// <summary>A stock of rows of <typeparamref name="T"/>.</summary>
public sealed class Stock<T> : Stock
    where T : class
{
    private readonly Lazy<Func<T, bool>> _compiled;

    internal Stock(string slug, Expression<Func<T, bool>> predicate, string? definedBy)
        : base(slug, typeof(T), definedBy)
    {
        TypedPredicate = predicate;
        // Compiled once, on first capture, never per row.
        _compiled = new Lazy<Func<T, bool>>(predicate.Compile);
    }

    /// <summary>The membership predicate.</summary>
    public Expression<Func<T, bool>> TypedPredicate { get; }

    /// <inheritdoc />
    public override LambdaExpression Predicate => TypedPredicate;

    internal override bool Contains(object row) => _compiled.Value((T)row);
}
