using Microsoft.EntityFrameworkCore.Query;

namespace StockAndFlow.Definitions;

/// <summary>Fluent configuration of a <see cref="StockAction{T}"/>.</summary>
public sealed class StockActionBuilder<T>
    where T : class
{
    internal StockActionBuilder(StockAction<T> action) => Action = action;

    /// <summary>The action being configured.</summary>
    public StockAction<T> Action { get; }

    /// <summary>The stocks whose members the action is offered on.</summary>
    public StockActionBuilder<T> On(params Stock<T>[] stocks)
    {
        Action.MutableStocks.AddRange(stocks);
        return this;
    }

    /// <summary>The set-based update, given the run's instant.</summary>
    public StockActionBuilder<T> Set(Action<UpdateSettersBuilder<T>, DateTime> setters)
    {
        Action.Setters = setters;
        return this;
    }

    /// <summary>Code run per selected row; changes are saved in batches through SaveChanges.</summary>
    public StockActionBuilder<T> ForEachRow(Func<T, IServiceProvider, CancellationToken, Task> perRow)
    {
        Action.PerRow = perRow;
        return this;
    }

    /// <summary>Describes what will happen, for the confirmation page.</summary>
    public StockActionBuilder<T> Describe(string description)
    {
        Action.Description = description;
        return this;
    }
}
