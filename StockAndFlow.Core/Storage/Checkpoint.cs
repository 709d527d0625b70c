namespace StockAndFlow.Storage;

/// <summary>How far an incremental job got: the last event id it covered and when it ran.</summary>
public sealed class Checkpoint
{
    /// <summary>The job's name.</summary>
    public string Name { get; set; } = "";

    /// <summary>The highest event id covered.</summary>
    public long LastId { get; set; }

    /// <summary>When the job last completed (UTC).</summary>
    public DateTime UpdatedAt { get; set; }
}
