using System.Linq.Expressions;
using StockAndFlow.Definitions;

namespace StockAndFlow.Capture;

/// <summary>
/// Which counts capture keeps up to date between recounts: the stocks a flow connects (capture
/// evaluates their predicates on every save) and, of those, the facets that read a property of the
/// member itself (<c>l =&gt; l.Owner</c>). A facet through a navigation (<c>l =&gt; l.Team!.Name</c>)
/// would need the related row, which a save does not load: its live counts are counted instead.
/// </summary>
internal static class TrackedFacets
{
    /// <summary>True when capture sees every save that moves a member into or out of <paramref name="stock"/>.</summary>
    public static bool IsTracked(StockAndFlowModel model, Stock stock) =>
        !stock.IsExternal && model.Flows.Any(f => f.EntityType == stock.EntityType && (f.Sources.Contains(stock) || f.Sinks.Contains(stock)));

    /// <summary>The property a facet reads off the member, or null when it reads anything else.</summary>
    public static string? Property(Facet facet) =>
        Strip(facet.Selector.Body) is MemberExpression { Expression: ParameterExpression p } member && p == facet.Selector.Parameters[0]
            ? member.Member.Name
            : null;

    /// <summary>The facet's value reader, compiled, when capture can keep it; null otherwise.</summary>
    public static Func<object, string?>? Reader(Facet facet)
    {
        if (Property(facet) is null)
        {
            return null;
        }

        var row = Expression.Parameter(typeof(object), "row");
        var body = Expression.Convert(
            Expression.Invoke(facet.Selector, Expression.Convert(row, facet.Selector.Parameters[0].Type)),
            typeof(object));
        var compiled = Expression.Lambda<Func<object, object?>>(body, row).Compile();
        return r => Storage.FacetValue.Format(compiled(r));
    }

    private static Expression Strip(Expression e) => e is UnaryExpression { NodeType: ExpressionType.Convert } u ? Strip(u.Operand) : e;
}
