using System.Text.Json.Serialization;

namespace StockAndFlow.Reading;

/// <summary>A column shown for members: a scalar property of the entity.</summary>
public sealed record MemberColumn(string Name, Type Type, bool IsKey);

/// <summary>One member: its key as text and its column values in column order.</summary>
public sealed record MemberRow(string Key, IReadOnlyList<object?> Values)
{
    /// <summary>For a flow's movers, its latest event of the flow in the range (UTC); null for a stock's members.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTime? MovedAt { get; init; }
}

/// <summary>A page of members with the total matching the filter.</summary>
public sealed record MemberPage(IReadOnlyList<MemberColumn> Columns, IReadOnlyList<MemberRow> Rows, long Total, int Page, int PageSize, string Sort, bool Descending)
{
    /// <summary>Number of pages (at least 1).</summary>
    public int PageCount => Math.Max(1, (int)((Total + PageSize - 1) / PageSize));
}
