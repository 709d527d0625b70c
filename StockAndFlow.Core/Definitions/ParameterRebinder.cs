using System.Linq.Expressions;

namespace StockAndFlow.Definitions;

/// <summary>Moves a lambda's body onto another parameter, so bodies of several lambdas can be combined in one.</summary>
internal sealed class ParameterRebinder(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
{
    /// <summary>The body of <paramref name="lambda"/> reading <paramref name="parameter"/> instead of its own parameter.</summary>
    public static Expression Body(LambdaExpression lambda, ParameterExpression parameter) =>
        new ParameterRebinder(lambda.Parameters[0], parameter).Visit(lambda.Body);

    protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
}
