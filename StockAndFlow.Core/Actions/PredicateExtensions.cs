using System.Linq.Expressions;

namespace StockAndFlow.Actions;

internal static class PredicateExtensions
{
    public static Expression<Func<T, bool>> Not<T>(this Expression<Func<T, bool>> predicate) =>
        Expression.Lambda<Func<T, bool>>(Expression.Not(predicate.Body), predicate.Parameters);
}
