using Microsoft.EntityFrameworkCore.Query;

namespace StockAndFlow.Definitions;

/// <summary>
/// A named operation an operator applies to selected members of some stocks: either a set-based update
/// (<c>Set</c>) run through the transition primitive, or code run per row (<c>ForEachRow</c>) saved
/// through SaveChanges in batches, so capture records the moves either way.
/// </summary>
public abstract class StockAction
{
    private protected StockAction(string slug, string name, string? definedBy)
    {
        Slug = slug;
        Name = name;
        DefinedBy = definedBy;
    }

    /// <summary>Unique kebab-case identifier.</summary>
    public string Slug { get; }

    /// <summary>What the operator sees, e.g. "Mark as contacted".</summary>
    public string Name { get; }

    /// <summary>What will happen, shown on the confirmation page.</summary>
    public string? Description { get; internal set; }

    /// <summary>The stocks whose members the action applies to.</summary>
    public IReadOnlyList<Stock> Stocks => MutableStocks;

    /// <summary>The entity type.</summary>
    public abstract Type EntityType { get; }

    /// <summary>True for a set-based action; false for one that runs code per row.</summary>
    public abstract bool IsSetBased { get; }

    /// <summary>The definition class that declared it.</summary>
    public string? DefinedBy { get; }

    internal List<Stock> MutableStocks { get; } = [];

    /// <summary>How many of Set and ForEachRow were given; exactly one is valid.</summary>
    internal abstract int Implementations { get; }

    /// <inheritdoc />
    public override string ToString() => $"action '{Slug}'";
}

/// <summary>An action on <typeparamref name="T"/> rows.</summary>
public sealed class StockAction<T> : StockAction
    where T : class
{
    internal StockAction(string slug, string name, string? definedBy)
        : base(slug, name, definedBy)
    {
    }

    /// <inheritdoc />
    public override Type EntityType => typeof(T);

    /// <inheritdoc />
    public override bool IsSetBased => Setters is not null;

    internal override int Implementations => (Setters is null ? 0 : 1) + (PerRow is null ? 0 : 1);

    internal Action<UpdateSettersBuilder<T>, DateTime>? Setters { get; set; }

    internal Func<T, IServiceProvider, CancellationToken, Task>? PerRow { get; set; }
}
