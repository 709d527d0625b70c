namespace StockAndFlow.Storage;

/// <summary>Whether a decay rule is paused; stored so pausing survives restarts.</summary>
public sealed class DecayRuleState
{
    /// <summary>The rule's slug.</summary>
    public string Rule { get; set; } = "";

    /// <summary>True while the rule must not move rows.</summary>
    public bool IsPaused { get; set; }

    /// <summary>When the state last changed (UTC).</summary>
    public DateTime ChangedAt { get; set; }
}
