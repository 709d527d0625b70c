using System.Linq.Expressions;

namespace StockAndFlow.Definitions;

/// <summary>
/// Derives stock groups from the flow graph (stocks a flow names together, or one state function
/// decides together, are one group) and rejects groups whose moves would be ambiguous.
/// </summary>
internal static class StockGroups
{
    public static List<StockGroup> Build(IReadOnlyList<Stock> stocks, IReadOnlyList<Flow> flows, IReadOnlyList<StateFunctionRegistration> stateFunctions)
    {
        var root = new Dictionary<Stock, Stock>();
        Stock Find(Stock s) => root.TryGetValue(s, out var parent) && parent != s ? root[s] = Find(parent) : s;
        void Join(IEnumerable<Stock> together)
        {
            var members = together.Where(s => !s.IsExternal).ToList();
            foreach (var member in members)
            {
                root.TryAdd(member, member);
            }

            foreach (var member in members.Skip(1))
            {
                root[Find(member)] = Find(members[0]);
            }
        }

        foreach (var flow in flows)
        {
            Join(flow.Sources.Concat(flow.Sinks));
        }

        var captured = root.Keys.ToHashSet();
        foreach (var registration in stateFunctions)
        {
            Join(registration.Covers.Where(captured.Contains));
        }

        return [.. stocks.Where(root.ContainsKey).GroupBy(Find).Select(g => new StockGroup(
            g.Key.EntityType,
            [.. g],
            [.. flows.Where(f => f.Sources.Concat(f.Sinks).Any(s => !s.IsExternal && Find(s) == g.Key))]))];
    }

    /// <summary>Rejects a move two flows of one group would both record, and stocks of one group that nest.</summary>
    public static void Validate(IEnumerable<StockGroup> groups)
    {
        foreach (var group in groups)
        {
            foreach (var (first, second) in Pairs(group.Flows))
            {
                if (first.Sources.FirstOrDefault(s => second.Sources.Contains(s) && first.Sinks.Any(k => k != s && second.Sinks.Contains(k))) is { } source)
                {
                    var sink = first.Sinks.First(k => k != source && second.Sinks.Contains(k));
                    throw new StockAndFlowDefinitionException(
                        $"Flows '{first.Slug}' ({DefinitionValidator.By(first.DefinedBy)}) and '{second.Slug}' ({DefinitionValidator.By(second.DefinedBy)}) " +
                        $"both record a move {new StockMove(source, sink)}, so one move would be counted twice. Keep that move in one of them.");
                }
            }

            foreach (var (first, second) in Pairs(group.Stocks))
            {
                if (Nested(first, second) is var (outer, inner))
                {
                    throw new StockAndFlowDefinitionException(
                        $"Stocks '{outer.Slug}' and '{inner.Slug}' ({DefinitionValidator.By(inner.DefinedBy)}) overlap in the stock group {group}: " +
                        $"every row of '{inner.Slug}' is also in '{outer.Slug}' (its predicate adds conditions to the other's), so a row entering or " +
                        "leaving both in one save is ambiguous and inflows minus outflows would not explain the counts. Connect them by no flow, " +
                        "so each is in its own group, or make their predicates exclusive.");
                }
            }
        }
    }

    private static IEnumerable<(T First, T Second)> Pairs<T>(IReadOnlyList<T> items) =>
        items.SelectMany((a, i) => items.Skip(i + 1).Select(b => (a, b)));

    // Syntactic only: one predicate's top-level conditions include all of the other's.
    private static (Stock Outer, Stock Inner)? Nested(Stock a, Stock b)
    {
        var ca = Conjuncts(a.Predicate);
        var cb = Conjuncts(b.Predicate);
        return ca.IsSubsetOf(cb) ? (a, b) : cb.IsSubsetOf(ca) ? (b, a) : null;
    }

    private static HashSet<string> Conjuncts(LambdaExpression predicate)
    {
        var row = Expression.Parameter(predicate.Parameters[0].Type, "row");
        var result = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<Expression>([ParameterRebinder.Body(predicate, row)]);
        while (pending.TryPop(out var node))
        {
            if (node is BinaryExpression { NodeType: ExpressionType.AndAlso } and)
            {
                pending.Push(and.Left);
                pending.Push(and.Right);
            }
            else
            {
                result.Add(node.ToString());
            }
        }

        return result;
    }
}
