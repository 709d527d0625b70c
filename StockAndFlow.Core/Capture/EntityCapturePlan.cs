using System.Linq.Expressions;
using StockAndFlow.Definitions;

namespace StockAndFlow.Capture;

/// <summary>
/// What capture needs for one entity type: its captured stocks, the properties their predicates
/// read, its flows and state functions. Built once per model, by the interceptor.
/// </summary>
internal sealed class EntityCapturePlan
{
    private readonly Stock[] _stocks;
    private readonly bool[] _coveredByStateFunction;
    private readonly (Facet Facet, Func<object, string?> Read)[][] _facets;

    public EntityCapturePlan(Type entityType, IReadOnlyList<Flow> flows, IReadOnlyList<Stock> stocksOfType, IReadOnlyList<StateFunctionRegistration> stateFunctions, IReadOnlyList<StockGroup> groups)
    {
        EntityType = entityType;
        Groups = groups;
        Flows = flows;
        StateFunctions = stateFunctions;
        var used = flows.SelectMany(f => f.Sources.Concat(f.Sinks)).Where(s => !s.IsExternal).ToHashSet();
        _stocks = [.. stocksOfType.Where(used.Contains)];
        var covered = stateFunctions.SelectMany(r => r.Covers).ToHashSet();
        _coveredByStateFunction = [.. _stocks.Select(covered.Contains)];
        var readers = _stocks
            .Where((_, i) => !_coveredByStateFunction[i])
            .Select(s => PropertyReader.Read(s.Predicate))
            .ToList();
        _facets = [.. _stocks.Select(s => s.Facets
            .Select(f => (Facet: f, Read: TrackedFacets.Reader(f)))
            .Where(f => f.Read is not null)
            .Select(f => (f.Facet, f.Read!))
            .ToArray())];

        // A save that only changes a tracked facet's property moves no member but changes a facet count.
        ReadProperties = readers.SelectMany(r => r.Names)
            .Concat(_stocks.SelectMany(s => s.Facets).Select(TrackedFacets.Property).OfType<string>())
            .ToHashSet(StringComparer.Ordinal);
        ReadsWholeRow = stateFunctions.Count > 0 || readers.Any(r => r.ReadsWholeRow);
    }

    /// <summary>One plan per entity type that flows are declared for.</summary>
    public static Dictionary<Type, EntityCapturePlan> ForModel(StockAndFlowModel model) => model.Flows
        .GroupBy(f => f.EntityType)
        .ToDictionary(
            g => g.Key,
            g => new EntityCapturePlan(
                g.Key,
                [.. g],
                [.. model.Stocks.Where(s => s.EntityType == g.Key)],
                [.. model.StateFunctions.Where(r => r.EntityType == g.Key)],
                [.. model.StockGroups.Where(sg => sg.EntityType == g.Key)]));

    public Type EntityType { get; }

    public IReadOnlyList<Flow> Flows { get; }

    /// <summary>The type's stock groups: flows are matched group by group.</summary>
    public IReadOnlyList<StockGroup> Groups { get; }

    public IReadOnlyList<StateFunctionRegistration> StateFunctions { get; }

    public IReadOnlyList<Stock> Stocks => _stocks;

    /// <summary>The facets of a captured stock whose values capture keeps, with their compiled readers.</summary>
    public (Facet Facet, Func<object, string?> Read)[] FacetsOf(Stock stock) => _facets[Array.IndexOf(_stocks, stock)];

    /// <summary>Scalar properties the evaluated predicates read; a modification touching none of them moves nothing.</summary>
    public IReadOnlySet<string> ReadProperties { get; }

    /// <summary>True when a predicate passes the whole row somewhere, or a state function exists: never skip.</summary>
    public bool ReadsWholeRow { get; }

    /// <summary>The stocks a row version is in; null means the row does not exist on that side.</summary>
    public HashSet<Stock> Membership(object? row, object? original, object? current, bool isOriginalSide)
    {
        var result = new HashSet<Stock>();
        if (row is null)
        {
            return result;
        }

        for (var i = 0; i < _stocks.Length; i++)
        {
            if (!_coveredByStateFunction[i] && _stocks[i].Contains(row))
            {
                result.Add(_stocks[i]);
            }
        }

        foreach (var registration in StateFunctions)
        {
            var (sources, sinks) = registration.Evaluate(original, current);
            var covered = registration.Covers;
            result.UnionWith((isOriginalSide ? sources : sinks).Where(covered.Contains));
        }

        return result;
    }

    /// <summary>Collects the names of members read directly off the lambda's parameter.</summary>
    private sealed class PropertyReader : ExpressionVisitor
    {
        private readonly ParameterExpression _parameter;
        private readonly HashSet<string> _names = new(StringComparer.Ordinal);

        private PropertyReader(ParameterExpression parameter) => _parameter = parameter;

        public IEnumerable<string> Names => _names;

        public bool ReadsWholeRow { get; private set; }

        public static PropertyReader Read(LambdaExpression lambda)
        {
            var reader = new PropertyReader(lambda.Parameters[0]);
            reader.Visit(lambda.Body);
            return reader;
        }

        protected override Expression VisitMember(MemberExpression node)
        {
            if (node.Expression == _parameter)
            {
                _names.Add(node.Member.Name);
                return node;
            }

            return base.VisitMember(node);
        }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            ReadsWholeRow |= node == _parameter;
            return node;
        }
    }
}
