using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using StockAndFlow.Counting;
using StockAndFlow.Definitions;
using StockAndFlow.Hosting;
using StockAndFlow.Web.Data;
using StockAndFlow.Web.Demo;

namespace StockAndFlow.Tests.Providers;

/// <summary>
/// SQL Server as far as a machine without SQL Server allows: the migration scripts EF generates parse
/// as T-SQL, and every query shape the engine runs translates for the SQL Server provider.
/// </summary>
public sealed class SqlServerScriptTests
{
    private static readonly StockAndFlowModel DemoModel = StockAndFlowModel.From([new CustomerStocks(), new LeadStocks()]);

    [Theory]
    [InlineData(MigrationsSqlGenerationOptions.Default)]
    [InlineData(MigrationsSqlGenerationOptions.Idempotent)]
    public void MigrationScript_ParsesAsTSql_WithATableForEveryEntity(MigrationsSqlGenerationOptions options)
    {
        using var db = DesignTimeContexts.Create(nameof(DatabaseProvider.SqlServer));

        // What `dotnet ef migrations script` writes: batches separated by GO, which the parser understands.
        var script = db.GetService<IMigrator>().GenerateScript(options: options);

        var tables = new CreateTableCollector();
        foreach (var statement in ParseTSql(script))
        {
            statement.Accept(tables);
        }

        var expected = db.Model.GetEntityTypes().Select(e => e.GetTableName()!).Append("__EFMigrationsHistory");
        Assert.Equal(expected.Order(), tables.Names.Order());
        Assert.Contains("GO", script.Split('\n').Select(l => l.Trim()));
    }

    [Fact]
    public void CreateScript_ParsesAsTSql()
    {
        using var db = DesignTimeContexts.Create(nameof(DatabaseProvider.SqlServer));

        var statements = ParseTSql(db.Database.GenerateCreateScript());

        Assert.Equal(db.Model.GetEntityTypes().Count(), statements.OfType<CreateTableStatement>().Count());
        Assert.Contains(statements, s => s is CreateIndexStatement { Unique: true });
    }

    [Fact]
    public void StartupValidation_TranslatesEveryDemoPredicateFacetAndCountingQuery_ForSqlServer()
    {
        using var db = DesignTimeContexts.Create(nameof(DatabaseProvider.SqlServer));

        QueryValidator.Validate(DemoModel, db);
    }

    [Fact]
    public void TotalsQuery_IsOneConditionalAggregateScan_AndValidTSql()
    {
        using var db = DesignTimeContexts.Create(nameof(DatabaseProvider.SqlServer));

        foreach (var group in DemoModel.Stocks.GroupBy(s => s.EntityType))
        {
            var sql = Translate(nameof(TotalsSql), [group.Key], db, group.ToList());

            Assert.True(group.Count() == Occurrences(sql, "COUNT_BIG(CASE"), sql);
            ParseTSql(sql);
        }
    }

    [Fact]
    public void FacetQuery_IsOneGroupBy_AndValidTSql()
    {
        using var db = DesignTimeContexts.Create(nameof(DatabaseProvider.SqlServer));
        var facets = DemoModel.Stocks.SelectMany(s => s.Facets.Select(f => (Stock: s, Facet: f))).ToList();

        Assert.NotEmpty(facets);
        foreach (var (stock, facet) in facets)
        {
            var sql = Translate(nameof(FacetSql), [stock.EntityType, facet.ValueType], db, stock.Predicate, facet.Selector);

            Assert.Equal(1, Occurrences(sql, "GROUP BY"));
            ParseTSql(sql);
        }
    }

    [Fact]
    public void SharedFacetQuery_IsOneGroupByWithACountPerStock_AndValidTSql()
    {
        using var db = DesignTimeContexts.Create(nameof(DatabaseProvider.SqlServer));
        var shared = DemoModel.Stocks.GroupBy(s => s.EntityType).SelectMany(g => StockCounter.SharedFacets([.. g])).Where(g => g.Count > 1).ToList();

        Assert.NotEmpty(shared);
        foreach (var pairs in shared)
        {
            var sql = Translate(nameof(SharedFacetSql), [pairs[0].Stock.EntityType, pairs[0].Facet.ValueType], db, pairs.Select(p => p.Stock.Predicate).ToList(), pairs[0].Facet.Selector);

            Assert.Equal(1, Occurrences(sql, "GROUP BY"));
            Assert.True(pairs.Count == Occurrences(sql, "COUNT_BIG(CASE"), sql);
            ParseTSql(sql);
        }
    }

    [Fact]
    public void CombinedQuery_IsOneGroupByOfEveryFacetWithACountPerStock_AndValidTSql()
    {
        using var db = DesignTimeContexts.Create(nameof(DatabaseProvider.SqlServer));
        var types = DemoModel.Stocks.GroupBy(s => s.EntityType).Where(g => g.Any(s => s.Facets.Count > 0)).ToList();

        Assert.NotEmpty(types);
        foreach (var group in types)
        {
            var sql = StockCounter.CombinedQuery(db, [.. group])!.ToQueryString();

            Assert.Equal(1, Occurrences(sql, "GROUP BY"));
            Assert.True(group.Count() == Occurrences(sql, "COUNT_BIG(CASE"), sql);
            ParseTSql(sql);
        }
    }

    private static string SharedFacetSql<T, TKey>(DbContext db, List<LambdaExpression> predicates, LambdaExpression selector)
        where T : class =>
        StockCounter.SharedFacetQuery(db, predicates, (Expression<Func<T, TKey>>)selector).ToQueryString();

    private static string TotalsSql<T>(DbContext db, IReadOnlyList<Stock> stocks)
        where T : class =>
        StockCounter.TotalsQuery<T>(db, stocks).ToQueryString();

    private static string FacetSql<T, TKey>(DbContext db, LambdaExpression predicate, LambdaExpression selector)
        where T : class =>
        StockCounter.FacetQuery(db, (Expression<Func<T, bool>>)predicate, (Expression<Func<T, TKey>>)selector).ToQueryString();

    private static string Translate(string method, Type[] types, params object[] arguments) =>
        (string)typeof(SqlServerScriptTests).GetMethod(method, BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(types).Invoke(null, arguments)!;

    private static List<TSqlStatement> ParseTSql(string script)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(script);
        var fragment = parser.Parse(reader, out var errors);

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => $"line {e.Line}: {e.Message}")) + Environment.NewLine + script);
        return [.. ((TSqlScript)fragment).Batches.SelectMany(b => b.Statements)];
    }

    /// <summary>Finds CREATE TABLE statements however deep (the idempotent script wraps each in IF NOT EXISTS).</summary>
    private sealed class CreateTableCollector : TSqlFragmentVisitor
    {
        public List<string> Names { get; } = [];

        public override void Visit(CreateTableStatement node) => Names.Add(node.SchemaObjectName.BaseIdentifier.Value);
    }

    private static int Occurrences(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
