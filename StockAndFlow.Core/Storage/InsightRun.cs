namespace StockAndFlow.Storage;

/// <summary>One collection of every insight; runs are kept, so insights have history.</summary>
public sealed class InsightRun
{
    /// <summary>Store-generated identity.</summary>
    public long Id { get; set; }

    /// <summary>When it started (UTC).</summary>
    public DateTime StartedAt { get; set; }

    /// <summary>When it finished (UTC); null while running.</summary>
    public DateTime? FinishedAt { get; set; }

    /// <summary>Insights collected.</summary>
    public int Succeeded { get; set; }

    /// <summary>Insights that failed (each recorded with its error).</summary>
    public int Failed { get; set; }
}

/// <summary>One insight's answer in one run, or its error.</summary>
public sealed class InsightResult
{
    /// <summary>Store-generated identity.</summary>
    public long Id { get; set; }

    /// <summary>The run.</summary>
    public long RunId { get; set; }

    /// <summary>The insight's slug.</summary>
    public string Insight { get; set; } = "";

    /// <summary>The insight's kind when collected.</summary>
    public InsightKind Kind { get; set; }

    /// <summary>False when the insight threw.</summary>
    public bool Succeeded { get; set; }

    /// <summary>The error, when it failed.</summary>
    public string? Error { get; set; }

    /// <summary>A counter's value.</summary>
    public long? Counter { get; set; }

    /// <summary>A gauge's value.</summary>
    public decimal? Gauge { get; set; }

    /// <summary>A chart's points as JSON (<c>InsightPoint</c> list).</summary>
    public string? PointsJson { get; set; }

    /// <summary>When it was collected (UTC).</summary>
    public DateTime CollectedAt { get; set; }
}
