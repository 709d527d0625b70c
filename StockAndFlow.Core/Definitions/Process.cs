namespace StockAndFlow.Definitions;

/// <summary>A named group of stocks and flows shown together.</summary>
public sealed class Process
{
    internal Process(string slug, string name, string? definedBy)
    {
        Slug = slug;
        Name = name;
        DefinedBy = definedBy;
    }

    /// <summary>Unique kebab-case identifier.</summary>
    public string Slug { get; }

    /// <summary>Display name.</summary>
    public string Name { get; }

    /// <summary>Optional longer text for operators.</summary>
    public string? Description { get; internal set; }

    /// <summary>The stocks of this process in declaration order.</summary>
    public IReadOnlyList<Stock> Stocks => MutableStocks;

    /// <summary>The flows of this process in declaration order.</summary>
    public IReadOnlyList<Flow> Flows => MutableFlows;

    /// <summary>The definition class that declared this process.</summary>
    public string? DefinedBy { get; }

    internal List<Stock> MutableStocks { get; } = [];

    internal List<Flow> MutableFlows { get; } = [];
}
