namespace StockAndFlow.Reading;

/// <summary>
/// Narrows a stock's members (or a flow's movers, <see cref="Movers"/>): by one facet value
/// (<see cref="ValueIsNull"/> for the NULL bucket), by a text search over the entity's text columns,
/// and/or to explicit keys (rows an operator ticked).
/// </summary>
public sealed record MemberSelection(string? Facet = null, string? Value = null, bool ValueIsNull = false, string? Search = null, IReadOnlyList<string>? Keys = null, MoverScope? Movers = null)
{
    /// <summary>No narrowing: every member.</summary>
    public static MemberSelection None { get; } = new();

    /// <summary>A short description for audit logs, e.g. <c>source=web, search "ada", 3 rows</c> or <c>movers of Hot leads → Cold leads, 2026-11-21..28, owner=Ann</c>.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (Movers is not null)
        {
            parts.Add(Movers.Describe());
        }

        if (Facet is not null)
        {
            parts.Add($"{Facet}={(ValueIsNull ? "(none)" : Value)}");
        }

        if (!string.IsNullOrWhiteSpace(Search))
        {
            parts.Add($"search \"{Search}\"");
        }

        if (Keys is { Count: > 0 })
        {
            parts.Add($"{Keys.Count} selected rows");
        }

        return parts.Count == 0 ? "all members" : string.Join(", ", parts);
    }
}
