using System.Linq.Expressions;

namespace StockAndFlow.Definitions;

/// <summary>
/// How the rows of one entity type are shown to operators: a display name for each row (members,
/// flow events, the audit log, confirmations), the words for the type ("lead", "leads") and the
/// member columns. Undeclared, the admin falls back to readable defaults.
/// </summary>
public sealed class EntityDeclaration
{
    private readonly List<MemberColumnDefinition> _columns = [];

    internal EntityDeclaration(Type entityType, string? definedBy)
    {
        EntityType = entityType;
        DefinedBy = definedBy;
        Singular = Words(entityType.Name);
        Plural = Singular + "s";
    }

    /// <summary>The EF Core entity type.</summary>
    public Type EntityType { get; }

    /// <summary>A row's name for operators (<c>l => l.Name</c>), translated to SQL; null when not declared.</summary>
    public LambdaExpression? DisplayName { get; internal set; }

    /// <summary>One row in words ("lead"); the type name in lower case unless named.</summary>
    public string Singular { get; internal set; }

    /// <summary>Several rows in words ("leads").</summary>
    public string Plural { get; internal set; }

    /// <summary>The member columns in order; empty for the admin's defaults.</summary>
    public IReadOnlyList<MemberColumnDefinition> Columns => _columns;

    /// <summary>The definition class that declared it.</summary>
    public string? DefinedBy { get; }

    internal int DisplayNameDeclarations { get; set; }

    internal void AddColumn(MemberColumnDefinition column) => _columns.Add(column);

    /// <summary>"3 leads", "1 lead".</summary>
    public string Count(long count) => $"{count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} {(count == 1 ? Singular : Plural)}";

    /// <summary>The defaults for a type nothing declares.</summary>
    public static EntityDeclaration Default(Type entityType) => new(entityType, null);

    // "SalesRep" → "sales rep".
    private static string Words(string typeName) =>
        string.Concat(typeName.Select((ch, i) => i > 0 && char.IsUpper(ch) ? " " + char.ToLowerInvariant(ch) : char.ToLowerInvariant(ch).ToString()));
}

/// <summary>A member column: its label, the value it shows (a property, a related value or a computed one) and its format.</summary>
public sealed record MemberColumnDefinition(string Label, LambdaExpression Selector, ValueFormat Format)
{
    /// <summary>The property the selector reads when it is a plain property of the row (sortable); null otherwise.</summary>
    public string? Property => Selector.Body is MemberExpression { Expression: ParameterExpression } m ? m.Member.Name
        : Selector.Body is UnaryExpression { Operand: MemberExpression { Expression: ParameterExpression } u } ? u.Member.Name
        : null;
}

/// <summary>Fluent declaration of how rows of <typeparamref name="T"/> are shown.</summary>
public sealed class EntityBuilder<T>
    where T : class
{
    internal EntityBuilder(EntityDeclaration declaration) => Declaration = declaration;

    /// <summary>The declaration being built.</summary>
    public EntityDeclaration Declaration { get; }

    /// <summary>A row's name for operators, e.g. <c>l =&gt; l.Name</c> or <c>c =&gt; c.Name + " (" + c.Country + ")"</c>; it must translate to SQL.</summary>
    public EntityBuilder<T> DisplayName(Expression<Func<T, string>> selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        Declaration.DisplayName = selector;
        Declaration.DisplayNameDeclarations++;
        return this;
    }

    /// <summary>The words for one row and for several ("lead", "leads"), used in counts and confirmations.</summary>
    public EntityBuilder<T> Named(string singular, string plural)
    {
        Declaration.Singular = singular;
        Declaration.Plural = plural;
        return this;
    }

    /// <summary>
    /// Adds a member column, in order: <paramref name="selector"/> may read a property, a related row
    /// (<c>l =&gt; l.Owner!.Name</c>) or compute a value; it must translate to SQL.
    /// <see cref="ValueFormat.Age"/> on a timestamp shows the days since it.
    /// </summary>
    public EntityBuilder<T> Column<TValue>(string label, Expression<Func<T, TValue>> selector, ValueFormat? format = null)
    {
        ArgumentNullException.ThrowIfNull(selector);
        Declaration.AddColumn(new MemberColumnDefinition(label, selector, format ?? ValueFormat.Auto));
        return this;
    }
}
