using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using StockAndFlow.Definitions;
using StockAndFlow.Reading;
using StockAndFlow.Storage;

namespace StockAndFlow.Admin.Reading;

/// <summary>
/// Rows as operators read them: each row's display name (members, flow events, audit log,
/// confirmations) and the member columns an entity declares, or readable defaults — the scalar
/// properties that are neither keys nor foreign keys nor the state the stock's own predicate tests.
/// </summary>
public sealed class EntityRows(StockAndFlowModel model, AdminDatabase database, TimeProvider time)
{
    private static readonly MethodInfo ValuesMethod = typeof(EntityRows).GetMethod(nameof(ValuesCoreAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>The columns shown for members of <paramref name="stock"/>: declared, or the defaults.</summary>
    public IReadOnlyList<MemberColumnDefinition> ColumnsOf(Stock stock)
    {
        ArgumentNullException.ThrowIfNull(stock);
        return ColumnsOf(stock.EntityType, StatePropertiesOf(stock));
    }

    /// <summary>
    /// The columns shown for the rows of <paramref name="source"/>: a stock's as <see cref="ColumnsOf(Stock)"/>;
    /// for a flow's movers, which can be in any stock now, the defaults keep the state properties.
    /// </summary>
    public IReadOnlyList<MemberColumnDefinition> ColumnsOf(MemberSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.Stock is { } stock ? ColumnsOf(stock) : ColumnsOf(source.EntityType, []);
    }

    private IReadOnlyList<MemberColumnDefinition> ColumnsOf(Type entityType, HashSet<string> state)
    {
        var declared = model.EntityOf(entityType);
        if (declared.Columns.Count > 0)
        {
            return declared.Columns;
        }

        var type = database.Context.Model.FindEntityType(entityType)!;
        var row = Expression.Parameter(entityType, "row");
        return [.. MemberQuery.Columns(database.Context, entityType)
            .Where(c => !c.IsKey && type.FindProperty(c.Name) is { } p && !p.IsForeignKey() && !state.Contains(c.Name))
            .Select(c => new MemberColumnDefinition(Words(c.Name), Expression.Lambda(Expression.Property(row, c.Name), row), ValueFormat.Auto))];
    }

    /// <summary>Display names of the rows of <paramref name="entityType"/> with <paramref name="keys"/>; empty when none is declared.</summary>
    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(Type entityType, IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entityType);
        if (model.EntityOf(entityType).DisplayName is not { } name)
        {
            return new Dictionary<string, string>();
        }

        var values = await ValuesAsync(entityType, [name], keys, cancellationToken);
        return values.Where(v => v.Value[0] is not null).ToDictionary(v => v.Key, v => (string)v.Value[0]!, StringComparer.Ordinal);
    }

    /// <summary>Each row's cells in <paramref name="columns"/>, formatted, by key.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> CellsAsync(Type entityType, IReadOnlyList<MemberColumnDefinition> columns, IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var now = time.GetUtcNow().UtcDateTime;
        var values = await ValuesAsync(entityType, [.. columns.Select(c => c.Selector)], keys, cancellationToken);
        return values.ToDictionary(
            v => v.Key,
            v => (IReadOnlyList<string>)[.. columns.Select((c, i) => c.Format.Format(v.Value[i], now))],
            StringComparer.Ordinal);
    }

    private Task<Dictionary<string, object?[]>> ValuesAsync(Type entityType, IReadOnlyList<LambdaExpression> selectors, IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        var list = keys.Distinct(StringComparer.Ordinal).ToList();
        // Selecting by keys reads no facet: any stock of the type will do to build the selection.
        var stock = model.Stocks.FirstOrDefault(s => s.EntityType == entityType);
        if (list.Count == 0 || selectors.Count == 0 || stock is null)
        {
            return Task.FromResult(new Dictionary<string, object?[]>());
        }

        return (Task<Dictionary<string, object?[]>>)ValuesMethod.MakeGenericMethod(entityType).Invoke(null, [database.Context, stock, selectors, list, cancellationToken])!;
    }

    private static async Task<Dictionary<string, object?[]>> ValuesCoreAsync<T>(DbContext db, Stock stock, IReadOnlyList<LambdaExpression> selectors, List<string> keys, CancellationToken cancellationToken)
        where T : class
    {
        var key = db.Model.FindEntityType(typeof(T))!.FindPrimaryKey()?.Properties;
        if (key is null)
        {
            return [];
        }

        var row = Expression.Parameter(typeof(T), "row");
        // One projection: the key's columns, then each selector's value (related rows join, computed ones run in SQL).
        var cells = key.Select(p => (Expression)Expression.Call(typeof(EF), nameof(EF.Property), [typeof(object)], row, Expression.Constant(p.Name))).ToList();
        cells.AddRange(selectors.Select(s => (Expression)Expression.Convert(new Rebinder(s.Parameters[0], row).Visit(s.Body), typeof(object))));
        var projection = Expression.Lambda<Func<T, object?[]>>(Expression.NewArrayInit(typeof(object), cells), row);
        var result = new Dictionary<string, object?[]>(StringComparer.Ordinal);
        foreach (var chunk in keys.Chunk(500))
        {
            var where = MemberQuery.Selection<T>(db, stock, new MemberSelection(Keys: chunk));
            foreach (var values in await db.Set<T>().AsNoTracking().Where(where).Select(projection).ToListAsync(cancellationToken))
            {
                result[SubjectKey.Join(values[..key.Count])] = values[key.Count..];
            }
        }

        return result;
    }

    // Properties the stock's predicate compares with a constant (Status == Trial): the same on every member.
    private static HashSet<string> StatePropertiesOf(Stock stock)
    {
        var finder = new StateFinder(stock.Predicate.Parameters[0]);
        finder.Visit(stock.Predicate.Body);
        return finder.Found;
    }

    // "SignedUpAt" → "Signed up at".
    private static string Words(string name) =>
        string.Concat(name.Select((ch, i) => i > 0 && char.IsUpper(ch) ? " " + char.ToLowerInvariant(ch) : ch.ToString()));

    private sealed class StateFinder(ParameterExpression row) : ExpressionVisitor
    {
        public HashSet<string> Found { get; } = new(StringComparer.Ordinal);

        protected override Expression VisitBinary(BinaryExpression node)
        {
            if (node.NodeType == ExpressionType.Equal)
            {
                Record(node.Left, node.Right);
                Record(node.Right, node.Left);
            }

            return base.VisitBinary(node);
        }

        private void Record(Expression side, Expression other)
        {
            var member = side is UnaryExpression { NodeType: ExpressionType.Convert } u ? u.Operand : side;
            var value = other is UnaryExpression { NodeType: ExpressionType.Convert } v ? v.Operand : other;
            if (member is MemberExpression { Expression: ParameterExpression p } m && p == row && value is ConstantExpression)
            {
                Found.Add(m.Member.Name);
            }
        }
    }

    private sealed class Rebinder(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
