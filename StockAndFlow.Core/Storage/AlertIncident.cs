namespace StockAndFlow.Storage;

/// <summary>
/// One time an alert fired: from when its condition held until it no longer did (<see cref="ResolvedAt"/>
/// null while it still holds). The alerts' history.
/// </summary>
public sealed class AlertIncident
{
    /// <summary>Row id.</summary>
    public long Id { get; set; }

    /// <summary>The alert's slug.</summary>
    public string Alert { get; set; } = "";

    /// <summary>When an evaluation first found the condition (UTC).</summary>
    public DateTime FiredAt { get; set; }

    /// <summary>When an evaluation first found it gone (UTC), or null while it holds.</summary>
    public DateTime? ResolvedAt { get; set; }

    /// <summary>The measured value when it fired (a count, a percent or days, as the condition reads).</summary>
    public double Value { get; set; }

    /// <summary>What was found, in words.</summary>
    public string Message { get; set; } = "";
}
