using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using StockAndFlow.Counting;
using StockAndFlow.Definitions;

namespace StockAndFlow.Hosting;

/// <summary>
/// Start-up checks that need the host's EF model: every stock's entity is mapped, every predicate,
/// facet selector and counting query translates for the configured provider, and every captured stock
/// whose predicate reads a navigation has a state function.
/// </summary>
internal static class QueryValidator
{
    private static readonly MethodInfo CheckStockMethod = typeof(QueryValidator).GetMethod(nameof(CheckEntityStocks), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo CheckFacetMethod = typeof(QueryValidator).GetMethod(nameof(CheckFacet), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo CheckSharedFacetMethod = typeof(QueryValidator).GetMethod(nameof(CheckSharedFacet), BindingFlags.NonPublic | BindingFlags.Static)!;

    public static void Validate(StockAndFlowModel model, DbContext db)
    {
        var covered = model.StateFunctions.SelectMany(r => r.Covers).ToHashSet();
        var captured = model.CapturedStocks.ToHashSet();
        foreach (var group in model.Stocks.GroupBy(s => s.EntityType))
        {
            var entityType = db.Model.FindEntityType(group.Key) ?? throw new StockAndFlowDefinitionException(
                $"Stock '{group.First().Slug}' ({DefinitionValidator.By(group.First().DefinedBy)}) counts {group.Key.Name}, which {db.GetType().Name} does not map. Add a DbSet<{group.Key.Name}> or an entity configuration.");

            foreach (var stock in group)
            {
                if (captured.Contains(stock) && !covered.Contains(stock) && ReadsNavigation(stock.Predicate, entityType) is { } navigation)
                {
                    throw new StockAndFlowDefinitionException(
                        $"Stock '{stock.Slug}' ({DefinitionValidator.By(stock.DefinedBy)}) is used by a flow and its predicate reads the navigation '{navigation}', " +
                        "which a save does not load. Register sf.StateFunction<" + group.Key.Name + ">(...) covering it, or base the predicate on the row's own columns.");
                }

                foreach (var facet in stock.Facets)
                {
                    Try(stock, $"facet '{facet.Slug}'", () => CheckFacetMethod.MakeGenericMethod(group.Key, facet.ValueType).Invoke(null, [db, stock.Predicate, facet.Selector]));
                    if (facet.ValuesQuery is { } values)
                    {
                        Try(stock, $"value list of facet '{facet.Slug}'", () => values(db).ToQueryString());
                    }
                }
            }

            var stocks = group.ToList();
            foreach (var stock in stocks)
            {
                Try(stock, "predicate", () => CheckStockMethod.MakeGenericMethod(group.Key).Invoke(null, [db, new List<Stock> { stock }]));
            }

            Try(stocks[0], "counting query (all stocks of " + group.Key.Name + ")", () => CheckStockMethod.MakeGenericMethod(group.Key).Invoke(null, [db, stocks]));
        }
    }

    /// <summary>Throws when an action or decay rule moves rows of an entity without a single-column primary key.</summary>
    internal static void CheckRowKeys(StockAndFlowModel model, DbContext db)
    {
        var movers = model.Actions.Select(a => (What: $"Action '{a.Slug}' ({DefinitionValidator.By(a.DefinedBy)})", a.EntityType))
            .Concat(model.DecayRules.Select(r => (What: $"Decay rule '{r.Slug}' ({DefinitionValidator.By(r.DefinedBy)})", r.EntityType)));
        foreach (var (what, type) in movers)
        {
            var key = db.Model.FindEntityType(type)?.FindPrimaryKey();
            if (key is { Properties.Count: 1 })
            {
                continue;
            }

            var shape = key is null ? "has no primary key" : $"has a primary key of {key.Properties.Count} columns ({string.Join(", ", key.Properties.Select(p => p.Name))})";
            throw new StockAndFlowDefinitionException(
                $"{what} moves {type.Name} rows, and {type.Name} {shape}. Actions and decay select and move rows by a single-column key: " +
                $"give {type.Name} one (an identity column, say, keeping the columns unique with an index), or leave this entity's stocks without actions and decay.");
        }
    }

    private static void Try(Stock stock, string what, Action check)
    {
        try
        {
            check();
        }
        catch (Exception ex)
        {
            var cause = ex is TargetInvocationException { InnerException: { } inner } ? inner : ex;
            throw new StockAndFlowDefinitionException(
                $"The {what} of stock '{stock.Slug}' ({DefinitionValidator.By(stock.DefinedBy)}) cannot be translated to SQL by {cause.Source ?? "the provider"}: {FirstLine(cause.Message)} " +
                "Use only members EF Core maps and functions it translates (no methods of your own).",
                cause);
        }
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();

    private static void CheckEntityStocks<T>(DbContext db, IReadOnlyList<Stock> stocks)
        where T : class
    {
        foreach (var stock in stocks)
        {
            _ = db.Set<T>().Where((Expression<Func<T, bool>>)stock.Predicate).ToQueryString();
        }

        _ = StockCounter.TotalsQuery<T>(db, stocks).ToQueryString();
        foreach (var shared in StockCounter.SharedFacets(stocks).Where(g => g.Count > 1))
        {
            _ = CheckSharedFacetMethod.MakeGenericMethod(typeof(T), shared[0].Facet.ValueType)
                .Invoke(null, [db, shared.Select(p => p.Stock.Predicate).ToList(), shared[0].Facet.Selector]);
        }
    }

    private static string CheckSharedFacet<T, TKey>(DbContext db, List<LambdaExpression> predicates, Expression<Func<T, TKey>> selector)
        where T : class =>
        StockCounter.SharedFacetQuery(db, predicates, selector).ToQueryString();

    private static void CheckFacet<T, TKey>(DbContext db, Expression<Func<T, bool>> predicate, Expression<Func<T, TKey>> selector)
        where T : class =>
        _ = StockCounter.FacetQuery(db, predicate, selector).ToQueryString();

    private static string? ReadsNavigation(LambdaExpression predicate, Microsoft.EntityFrameworkCore.Metadata.IEntityType entityType)
    {
        var finder = new NavigationFinder(predicate.Parameters[0], entityType);
        finder.Visit(predicate.Body);
        return finder.Found;
    }

    private sealed class NavigationFinder(ParameterExpression parameter, Microsoft.EntityFrameworkCore.Metadata.IEntityType entityType) : ExpressionVisitor
    {
        public string? Found { get; private set; }

        protected override Expression VisitMember(MemberExpression node)
        {
            if (node.Expression == parameter && (entityType.FindNavigation(node.Member.Name) is not null || entityType.FindSkipNavigation(node.Member.Name) is not null))
            {
                Found ??= node.Member.Name;
            }

            return base.VisitMember(node);
        }
    }
}
