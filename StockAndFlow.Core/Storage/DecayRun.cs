namespace StockAndFlow.Storage;

/// <summary>
/// One run of a decay rule that moved rows: when, which rule, from which stock to which, how many rows
/// and who ran it. Written in the same transaction as the moves, so a run is recorded exactly when its
/// flow events are; a run that moved nothing leaves no row.
/// </summary>
public sealed class DecayRun
{
    /// <summary>What <see cref="RanBy"/> says when the recurring job ran the rule.</summary>
    public const string ScheduledJob = "scheduled job";

    /// <summary>Store-generated identity.</summary>
    public long Id { get; set; }

    /// <summary>The decay rule's slug.</summary>
    public string Rule { get; set; } = "";

    /// <summary>The stock the rows left.</summary>
    public string FromStock { get; set; } = "";

    /// <summary>The stock the rows entered.</summary>
    public string ToStock { get; set; } = "";

    /// <summary>When the run started (UTC), before any of its flow events.</summary>
    public DateTime StartedAt { get; set; }

    /// <summary>When its moves were done (UTC), after every one of its flow events.</summary>
    public DateTime FinishedAt { get; set; }

    /// <summary>Rows moved (each with its flow event).</summary>
    public int Moved { get; set; }

    /// <summary>Who ran it: <see cref="ScheduledJob"/>, or the name of the user who ran it by hand.</summary>
    public string RanBy { get; set; } = ScheduledJob;
}
