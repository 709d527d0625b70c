using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using StockAndFlow.Definitions;
using StockAndFlow.Storage;

namespace StockAndFlow.Reading;

/// <summary>
/// Where the rows a member query lists (and an action applies to) come from: the members of a stock
/// (its predicate), or the movers of a flow — the rows with an event of the flow in a range that still
/// exist, wherever they are now. The same filters, sorting, paging and actions apply to both.
/// </summary>
/// <remarks>
/// Movers are found with one GROUP BY over the flow's events in the range (the subject keys and their
/// latest event), read into memory and sent back as one collection parameter, so the movers of a range
/// cost one more query than a stock's members and hold one key and time per mover in memory.
/// </remarks>
public sealed class MemberSource
{
    private MemberSource(Type entityType, Stock? stock, Flow? flow, MoverScope? movers, IReadOnlyList<Facet> facets)
    {
        EntityType = entityType;
        Stock = stock;
        Flow = flow;
        Movers = movers;
        Facets = facets;
    }

    /// <summary>The rows' entity type.</summary>
    public Type EntityType { get; }

    /// <summary>The stock, for a stock's members; null for a flow's movers.</summary>
    public Stock? Stock { get; }

    /// <summary>The flow, for a flow's movers; null for a stock's members.</summary>
    public Flow? Flow { get; }

    /// <summary>The flow and range, for a flow's movers.</summary>
    public MoverScope? Movers { get; }

    /// <summary>The facets rows can be filtered by: the stock's, or those of every stock the flow joins.</summary>
    public IReadOnlyList<Facet> Facets { get; }

    /// <summary>The members of <paramref name="stock"/>.</summary>
    public static MemberSource Members(Stock stock)
    {
        ArgumentNullException.ThrowIfNull(stock);
        return new MemberSource(stock.EntityType, stock, null, null, stock.Facets);
    }

    /// <summary>The rows with an event of <paramref name="flow"/> from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive, UTC) that still exist.</summary>
    public static MemberSource MoversOf(Flow flow, DateTime from, DateTime to)
    {
        ArgumentNullException.ThrowIfNull(flow);
        return MoversOf(flow, new MoverScope(flow.Slug, from, to, $"{Ends(flow.Sources)} → {Ends(flow.Sinks)}"));
    }

    /// <summary>The movers of <paramref name="flow"/> in a stored <paramref name="scope"/>.</summary>
    public static MemberSource MoversOf(Flow flow, MoverScope scope)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(scope);
        if (scope.Flow != flow.Slug)
        {
            throw new ArgumentException($"The scope is of flow '{scope.Flow}', not '{flow.Slug}'.", nameof(scope));
        }

        if (scope.To <= scope.From)
        {
            throw new MemberQueryException($"The range of the movers of '{flow.Slug}' ends before it starts.");
        }

        return new MemberSource(flow.EntityType, null, flow, scope, flow.StockFacets);
    }

    /// <summary>The facet <paramref name="slug"/>, or a <see cref="MemberQueryException"/> that lists the known ones.</summary>
    public Facet FacetOf(string slug) =>
        Facets.FirstOrDefault(f => f.Slug == slug)
        ?? throw new MemberQueryException($"{(Stock is not null ? $"Stock '{Stock.Slug}'" : $"Flow '{Flow!.Slug}'")} has no facet '{slug}'. Known: {string.Join(", ", Facets.Select(f => f.Slug))}.");

    /// <inheritdoc />
    public override string ToString() => Stock is not null ? $"members of stock '{Stock.Slug}'" : Movers!.Describe();

    /// <summary>The source's rows as a predicate and, for movers, each mover's latest event in the range by key.</summary>
    internal async Task<(Expression<Func<T, bool>> Rows, IReadOnlyDictionary<string, DateTime>? MovedAt)> ResolveAsync<T>(DbContext db, CancellationToken cancellationToken)
        where T : class
    {
        if (Stock is not null)
        {
            return (((Stock<T>)Stock).TypedPredicate, null);
        }

        var scope = Movers!;
        var moves = await db.Set<FlowEvent>().AsNoTracking()
            .Where(e => e.Flow == scope.Flow && e.OccurredAt >= scope.From && e.OccurredAt < scope.To)
            .GroupBy(e => e.SubjectKey)
            .Select(g => new { Key = g.Key, At = g.Max(e => e.OccurredAt) })
            .ToListAsync(cancellationToken);
        var movedAt = moves.ToDictionary(m => m.Key, m => DateTime.SpecifyKind(m.At, DateTimeKind.Utc), StringComparer.Ordinal);
        return (MemberQuery.KeyIn<T>(db, [.. movedAt.Keys]), movedAt);
    }

    private static string Ends(IEnumerable<Stock> stocks) =>
        string.Join(", ", stocks.Select(s => s.IsExternal ? "outside" : s.Name));
}
