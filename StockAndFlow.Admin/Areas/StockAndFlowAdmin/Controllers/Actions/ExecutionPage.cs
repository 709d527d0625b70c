
using StockAndFlow.Storage;

namespace StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Actions;

/// <summary>
/// One action execution: its outcome, or its progress while it runs (<see cref="Processed"/> and
/// <see cref="Selected"/> come from the live progress while it runs on this server, else from the row).
/// </summary>
public sealed record ExecutionPage(ActionExecution Execution, string ActionName, string StockName, bool StockExists, int Processed, int Selected)
{
    /// <summary>The ticked rows by their display names, when the selection was ticked rows and a name is declared.</summary>
    public string? Names { get; init; }

    /// <summary>For an action on a flow's movers (whose flow still exists), the flow and range they were picked from.</summary>
    public global::StockAndFlow.Reading.MoverScope? Movers { get; init; }


    public bool IsFinished => Execution.Status is ActionExecutionStatus.Succeeded or ActionExecutionStatus.Failed or ActionExecutionStatus.Interrupted;

    /// <summary>Progress as a whole percentage (100 once finished).</summary>
    public int Percent => IsFinished ? 100
        : Selected <= 0 ? 0
        : (int)Math.Clamp(100L * Processed / Selected, 0, 100);
}
