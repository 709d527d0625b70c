using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Query;

namespace StockAndFlow.Definitions;

/// <summary>Fluent configuration of a <see cref="DecayRule{T}"/>.</summary>
public sealed class DecayBuilder<T>
    where T : class
{
    internal DecayBuilder(DecayRule<T> rule) => Rule = rule;

    /// <summary>The rule being configured.</summary>
    public DecayRule<T> Rule { get; }

    /// <summary>The stock members leave.</summary>
    public DecayBuilder<T> From(Stock<T> stock)
    {
        Rule.From = stock;
        return this;
    }

    /// <summary>The stock members enter.</summary>
    public DecayBuilder<T> To(Stock<T> stock)
    {
        Rule.To = stock;
        return this;
    }

    /// <summary>Members whose <paramref name="timestamp"/> (UTC) is older than <paramref name="olderThan"/> decay.</summary>
    public DecayBuilder<T> When(Expression<Func<T, DateTime>> timestamp, TimeSpan olderThan)
    {
        Rule.TypedAge = timestamp;
        Rule.OlderThan = olderThan;
        return this;
    }

    /// <summary>The set-based update that moves a member, e.g. <c>s =&gt; s.SetProperty(l =&gt; l.Temperature, Temperature.Warm)</c>.</summary>
    public DecayBuilder<T> Set(Action<UpdateSettersBuilder<T>> setters)
    {
        ArgumentNullException.ThrowIfNull(setters);
        Rule.Setters = (s, _) => setters(s);
        return this;
    }

    /// <summary>The set-based update, given the run's instant.</summary>
    public DecayBuilder<T> Set(Action<UpdateSettersBuilder<T>, DateTime> setters)
    {
        Rule.Setters = setters;
        return this;
    }

    /// <summary>Sets the display name.</summary>
    public DecayBuilder<T> Named(string name)
    {
        Rule.Name = name;
        return this;
    }
}
