namespace StockAndFlow.Definitions;

/// <summary>Fluent configuration of a flow of <typeparamref name="T"/> rows.</summary>
public sealed class FlowBuilder<T>
    where T : class
{
    internal FlowBuilder(Flow flow) => Flow = flow;

    /// <summary>The flow being configured.</summary>
    public Flow Flow { get; }

    /// <summary>Adds source stocks (<see cref="Stock.External"/> for rows from outside every stock).</summary>
    public FlowBuilder<T> From(params Stock[] sources)
    {
        Flow.MutableSources.AddRange(sources);
        return this;
    }

    /// <summary>Adds sink stocks (<see cref="Stock.External"/> for rows leaving every stock).</summary>
    public FlowBuilder<T> To(params Stock[] sinks)
    {
        Flow.MutableSinks.AddRange(sinks);
        return this;
    }

    /// <summary>Sets the display name.</summary>
    public FlowBuilder<T> Named(string name)
    {
        Flow.Name = name;
        return this;
    }

    /// <summary>Sets the description.</summary>
    public FlowBuilder<T> Describe(string description)
    {
        Flow.Description = description;
        return this;
    }

    /// <summary>
    /// Runs <typeparamref name="THandler"/> (resolved from DI) for each event of this flow, after the
    /// save's transaction commits.
    /// </summary>
    public FlowBuilder<T> Handle<THandler>()
        where THandler : class, Definitions.IFlowEventHandler<T>
    {
        Flow.MutableHandlers.Add(typeof(THandler));
        return this;
    }

    /// <summary>The flow being configured.</summary>
    public static implicit operator Flow(FlowBuilder<T> builder) => builder.Flow;
}
