using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using StockAndFlow.Benchmarks.Model;
using StockAndFlow.Definitions;

namespace StockAndFlow.Benchmarks.Counting;

/// <summary>
/// django-stockandflow's counting, ported literally: one COUNT per stock
/// (<c>queryset.count()</c>) and one COUNT per listed facet value
/// (<c>queryset.filter(**{field_lookup: value}).count()</c>).
/// </summary>
public static class SeedStockCounter
{
    public static async Task<SnapshotNumbers> CountAsync(BenchmarkDbContext db, IReadOnlyList<Stock> stocks, CancellationToken cancellationToken = default)
    {
        var numbers = new SnapshotNumbers();
        foreach (var stock in stocks.Cast<Stock<Member>>())
        {
            var members = db.Members.Where(stock.TypedPredicate);
            numbers.Total(stock.Slug, await members.LongCountAsync(cancellationToken));
            foreach (var facet in stock.Facets)
            {
                var selector = (Expression<Func<Member, string>>)facet.Selector;
                foreach (var value in facet.Values!.Cast<string>())
                {
                    var count = await members.Where(HasValue(selector, value)).LongCountAsync(cancellationToken);
                    numbers.FacetValue(stock.Slug, facet.Slug, value, count);
                }
            }
        }

        return numbers;
    }

    // facet == value, with the value captured so EF sends it as a parameter, as Django does.
    private static Expression<Func<Member, bool>> HasValue(Expression<Func<Member, string>> selector, string value)
    {
        Expression<Func<string>> captured = () => value;
        return Expression.Lambda<Func<Member, bool>>(Expression.Equal(selector.Body, captured.Body), selector.Parameters);
    }
}
