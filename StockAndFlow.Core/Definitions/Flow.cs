namespace StockAndFlow.Definitions;

/// <summary>
/// A named movement of rows of one entity type from any of its source stocks to any of its sinks,
/// recorded as a <see cref="Storage.FlowEvent"/> when a save moves a row.
/// </summary>
public sealed class Flow
{
    private readonly List<Stock> _sources = [];
    private readonly List<Stock> _sinks = [];
    private readonly List<Type> _handlers = [];

    internal Flow(string slug, Type entityType, string? definedBy)
    {
        Slug = slug;
        Name = slug;
        EntityType = entityType;
        DefinedBy = definedBy;
    }

    /// <summary>Unique kebab-case identifier.</summary>
    public string Slug { get; }

    /// <summary>Display name; the slug unless named.</summary>
    public string Name { get; internal set; }

    /// <summary>Optional longer text for operators.</summary>
    public string? Description { get; internal set; }

    /// <summary>The entity type whose rows flow.</summary>
    public Type EntityType { get; }

    /// <summary>Source stocks in declaration order; may hold <see cref="Stock.External"/>.</summary>
    public IReadOnlyList<Stock> Sources => _sources;

    /// <summary>Sink stocks in declaration order; may hold <see cref="Stock.External"/>.</summary>
    public IReadOnlyList<Stock> Sinks => _sinks;

    /// <summary>Handler types (each an <c>IFlowEventHandler&lt;T&gt;</c>) run after commit.</summary>
    public IReadOnlyList<Type> Handlers => _handlers;

    /// <summary>The definition class that declared this flow, for error messages.</summary>
    public string? DefinedBy { get; }

    internal List<Stock> MutableSources => _sources;

    internal List<Stock> MutableSinks => _sinks;

    internal List<Type> MutableHandlers => _handlers;

    /// <inheritdoc />
    public override string ToString() => $"flow '{Slug}'";

    /// <summary>The facets the flow is broken down by: those of its stocks, the first declaration of a slug winning.</summary>
    public IReadOnlyList<Facet> StockFacets =>
        [.. Sources.Concat(Sinks).Where(s => !s.IsExternal).SelectMany(s => s.Facets).DistinctBy(f => f.Slug)];
}
