namespace StockAndFlow.Definitions;

/// <summary>
/// Decides stock membership of a row before and after a save for stocks whose predicate cannot be
/// evaluated on the row alone (it reads related rows). <c>original</c> is null for an added row and
/// holds the row's original scalar values otherwise; <c>current</c> is null for a deleted row.
/// Returns the covered stocks the row was in (<c>Sources</c>) and is in now (<c>Sinks</c>).
/// </summary>
public delegate (IEnumerable<Stock> Sources, IEnumerable<Stock> Sinks) StateFunction<in T>(T? original, T? current)
    where T : class;

/// <summary>A state function registered for some stocks of one entity type.</summary>
public sealed class StateFunctionRegistration
{
    internal StateFunctionRegistration(Type entityType, IReadOnlyList<Stock> covers, Func<object?, object?, (IEnumerable<Stock>, IEnumerable<Stock>)> evaluate, string? definedBy)
    {
        EntityType = entityType;
        Covers = covers;
        Evaluate = evaluate;
        DefinedBy = definedBy;
    }

    /// <summary>The entity type.</summary>
    public Type EntityType { get; }

    /// <summary>The stocks whose membership the function decides during capture.</summary>
    public IReadOnlyList<Stock> Covers { get; }

    /// <summary>The definition class that registered it.</summary>
    public string? DefinedBy { get; }

    internal Func<object?, object?, (IEnumerable<Stock> Sources, IEnumerable<Stock> Sinks)> Evaluate { get; }
}
