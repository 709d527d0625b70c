namespace StockAndFlow.Storage;

/// <summary>One row moving along one flow, written in the same save as the change that moved it.</summary>
public sealed class FlowEvent
{
    /// <summary>Store-generated identity.</summary>
    public long Id { get; set; }

    /// <summary>The flow's slug.</summary>
    public string Flow { get; set; } = "";

    /// <summary>The subject's entity type name.</summary>
    public string SubjectType { get; set; } = "";

    /// <summary>The subject's primary key as invariant text (composite keys joined by ',').</summary>
    public string SubjectKey { get; set; } = "";

    /// <summary>The source stock's slug; null for External.</summary>
    public string? Source { get; set; }

    /// <summary>The sink stock's slug; null for External.</summary>
    public string? Sink { get; set; }

    /// <summary>When the save happened (UTC, from <see cref="TimeProvider"/>).</summary>
    public DateTime OccurredAt { get; set; }
}
