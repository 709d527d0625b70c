namespace StockAndFlow.Definitions;

/// <summary>
/// Stocks of one entity type that flows connect, directly or through other stocks of the group, with
/// the flows between them. Capture evaluates each group on its own: for a group,
/// <see cref="Stock.External"/> means "in none of this group's stocks", so stocks no flow connects
/// (films that are hits, films that are acclaimed) record their moves independently, the way
/// django-stockandflow compared a tuple of sub-states element by element.
/// </summary>
public sealed class StockGroup
{
    internal StockGroup(Type entityType, IReadOnlyList<Stock> stocks, IReadOnlyList<Flow> flows)
    {
        EntityType = entityType;
        Stocks = stocks;
        Flows = flows;
        UndeclaredMoves = [.. Moves().Where(m => !flows.Any(f => f.Sources.Contains(m.Source) && f.Sinks.Contains(m.Sink)))];
    }

    /// <summary>The entity type whose rows the group's stocks hold.</summary>
    public Type EntityType { get; }

    /// <summary>The group's stocks in declaration order.</summary>
    public IReadOnlyList<Stock> Stocks { get; }

    /// <summary>The flows between the group's stocks (and External) in declaration order.</summary>
    public IReadOnlyList<Flow> Flows { get; }

    /// <summary>
    /// Moves between two of the group's stocks, or between External and one of them, that no flow
    /// records. They stay allowed (in django-stockandflow's own example inactive → active has no
    /// flow), but a stock that such a move touches changes by more than its inflows minus outflows.
    /// </summary>
    public IReadOnlyList<StockMove> UndeclaredMoves { get; }

    /// <summary>The slugs of the group's stocks, for messages and pages.</summary>
    public override string ToString() => string.Join(", ", Stocks.Select(s => s.Slug));

    private IEnumerable<StockMove> Moves()
    {
        Stock[] places = [Stock.External, .. Stocks];
        return from source in places
               from sink in places
               where source != sink
               select new StockMove(source, sink);
    }
}

/// <summary>A row leaving <see cref="Source"/> for <see cref="Sink"/>; either may be <see cref="Stock.External"/>.</summary>
public sealed record StockMove(Stock Source, Stock Sink)
{
    /// <inheritdoc />
    public override string ToString() => $"{Name(Source)} → {Name(Sink)}";

    private static string Name(Stock stock) => stock.IsExternal ? "External" : stock.Slug;
}
