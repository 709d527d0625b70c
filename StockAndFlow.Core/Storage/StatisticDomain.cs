namespace StockAndFlow.Storage;

/// <summary>A group of metrics ("shopping", "users"), identified by its reference id.</summary>
public sealed class StatisticDomain
{
    /// <summary>Store-generated identity, kept when the domain is registered again.</summary>
    public int Id { get; set; }

    /// <summary>Reference id: kebab or snake case, unique.</summary>
    public string Ref { get; set; } = "";

    /// <summary>Display name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Optional description.</summary>
    public string? Description { get; set; }
}
