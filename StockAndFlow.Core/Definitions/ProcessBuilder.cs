namespace StockAndFlow.Definitions;

/// <summary>Fluent configuration of a <see cref="Process"/>.</summary>
public sealed class ProcessBuilder
{
    internal ProcessBuilder(Process process) => Process = process;

    /// <summary>The process being configured.</summary>
    public Process Process { get; }

    /// <summary>Adds stocks to the process.</summary>
    public ProcessBuilder Includes(params Stock[] stocks)
    {
        Process.MutableStocks.AddRange(stocks);
        return this;
    }

    /// <summary>Adds flows to the process.</summary>
    public ProcessBuilder Includes(params Flow[] flows)
    {
        Process.MutableFlows.AddRange(flows);
        return this;
    }

    /// <summary>Sets the description.</summary>
    public ProcessBuilder Describe(string description)
    {
        Process.Description = description;
        return this;
    }
}
