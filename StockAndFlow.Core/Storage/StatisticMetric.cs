namespace StockAndFlow.Storage;

/// <summary>A piece of information to keep track of ("order count"), unique by reference id within its domain.</summary>
public sealed class StatisticMetric
{
    /// <summary>Store-generated identity, kept when the metric is registered again.</summary>
    public int Id { get; set; }

    /// <summary>The domain's id.</summary>
    public int DomainId { get; set; }

    /// <summary>Reference id: kebab or snake case, unique within the domain.</summary>
    public string Ref { get; set; } = "";

    /// <summary>Display name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Optional description.</summary>
    public string? Description { get; set; }
}
