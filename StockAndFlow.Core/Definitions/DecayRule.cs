using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Query;

namespace StockAndFlow.Definitions;

/// <summary>
/// Moves members of one stock to another once a timestamp column is older than an age, e.g. hot
/// leads not contacted for seven days become warm. Runs set-based and records a flow event per row.
/// </summary>
public abstract class DecayRule
{
    private protected DecayRule(string slug, string? definedBy)
    {
        Slug = slug;
        Name = slug;
        DefinedBy = definedBy;
    }

    /// <summary>Unique kebab-case identifier; also the recurring job's id suffix.</summary>
    public string Slug { get; }

    /// <summary>Display name; the slug unless named.</summary>
    public string Name { get; internal set; }

    /// <summary>The stock members leave.</summary>
    public Stock? From { get; internal set; }

    /// <summary>The stock members enter.</summary>
    public Stock? To { get; internal set; }

    /// <summary>How old the timestamp must be.</summary>
    public TimeSpan OlderThan { get; internal set; }

    /// <summary>The timestamp column, from the entity.</summary>
    public abstract LambdaExpression? Age { get; }

    /// <summary>True once <c>Set</c> was called.</summary>
    public abstract bool HasSetters { get; }

    /// <summary>The entity type.</summary>
    public abstract Type EntityType { get; }

    /// <summary>The definition class that declared the rule.</summary>
    public string? DefinedBy { get; }

    /// <inheritdoc />
    public override string ToString() => $"decay rule '{Slug}'";
}

/// <summary>A decay rule over <typeparamref name="T"/> rows.</summary>
public sealed class DecayRule<T> : DecayRule
    where T : class
{
    internal DecayRule(string slug, string? definedBy)
        : base(slug, definedBy)
    {
    }

    /// <inheritdoc />
    public override LambdaExpression? Age => TypedAge;

    /// <inheritdoc />
    public override bool HasSetters => Setters is not null;

    /// <inheritdoc />
    public override Type EntityType => typeof(T);

    internal Expression<Func<T, DateTime>>? TypedAge { get; set; }

    /// <summary>The setters applied by the set-based update; the instant is the run's "now".</summary>
    internal Action<UpdateSettersBuilder<T>, DateTime>? Setters { get; set; }

    /// <summary>The selection for a run at <paramref name="now"/>: the age column before the cutoff.</summary>
    internal Expression<Func<T, bool>> OlderThanAt(DateTime now)
    {
        var age = TypedAge!;
        var cutoff = new Cutoff(now - OlderThan);

        // A member access on a closure object, so EF sends the cutoff as a parameter.
        var body = Expression.LessThan(age.Body, Expression.Property(Expression.Constant(cutoff), nameof(Cutoff.Value)));
        return Expression.Lambda<Func<T, bool>>(body, age.Parameters);
    }

    private sealed record Cutoff(DateTime Value);
}
