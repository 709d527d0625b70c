namespace StockAndFlow.Storage;

/// <summary>Where an action execution is.</summary>
public enum ActionExecutionStatus
{
    /// <summary>Waiting for its background job.</summary>
    Queued = 1,

    /// <summary>Moving rows.</summary>
    Running = 2,

    /// <summary>Done.</summary>
    Succeeded = 3,

    /// <summary>Stopped by an error; its transaction rolled back, so no row moved.</summary>
    Failed = 4,

    /// <summary>
    /// Stopped because the process running it (or holding its queued job) stopped or was cancelled.
    /// <see cref="ActionExecution.Processed"/> says how many rows were committed first: none for a
    /// set-based action (one transaction), whole batches for a per-row action. A retry of its job runs it again.
    /// </summary>
    Interrupted = 5,
}

/// <summary>The audit log of actions: who ran what on which members, when, and how many rows it touched.</summary>
public sealed class ActionExecution
{
    /// <summary>Store-generated identity.</summary>
    public long Id { get; set; }

    /// <summary>The action's slug.</summary>
    public string Action { get; set; } = "";

    /// <summary>The stock whose members were selected, or for an action on a flow's movers the flow (its scope is in <see cref="FilterJson"/>).</summary>
    public string Stock { get; set; } = "";

    /// <summary>The selection, readable (e.g. "source=web, 3 selected rows").</summary>
    public string Filter { get; set; } = "";

    /// <summary>The selection, as stored JSON, so a background job can replay it.</summary>
    public string FilterJson { get; set; } = "";

    /// <summary>Who ran it (the signed-in user's name).</summary>
    public string User { get; set; } = "";

    /// <summary>Where it is.</summary>
    public ActionExecutionStatus Status { get; set; }

    /// <summary>When it was requested (UTC).</summary>
    public DateTime RequestedAt { get; set; }

    /// <summary>When it finished (UTC).</summary>
    public DateTime? FinishedAt { get; set; }

    /// <summary>Rows selected when it ran.</summary>
    public int Selected { get; set; }

    /// <summary>Rows processed so far (progress); while running, the rows committed in finished batches.</summary>
    public int Processed { get; set; }

    /// <summary>Rows the action changed.</summary>
    public int Affected { get; set; }

    /// <summary>The error, when it failed, or what was committed, when it was interrupted.</summary>
    public string? Error { get; set; }

    /// <summary>
    /// The process that requested or runs it (machine, process id and start time), so that a restart
    /// can tell executions left by a dead process from those of a live one.
    /// </summary>
    public string? Owner { get; set; }
}
