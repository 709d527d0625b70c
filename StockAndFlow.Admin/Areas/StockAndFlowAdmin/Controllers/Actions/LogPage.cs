
using StockAndFlow.Storage;

namespace StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Actions;

/// <summary>The audit log: every action execution, newest first, a page at a time.</summary>
public sealed record LogPage(IReadOnlyList<LogRow> Rows, long Total, int Page, int PageSize)
{
    public int PageCount => Math.Max(1, (int)((Total + PageSize - 1) / PageSize));
}

/// <summary>An execution with the display names of its action and stock, or of the flow whose movers it ran on (the slugs when no longer defined).</summary>
public sealed record LogRow(ActionExecution Execution, string ActionName, string StockName, bool StockExists)
{
    /// <summary>For an action on a flow's movers (whose flow still exists), the flow and range they were picked from.</summary>
    public global::StockAndFlow.Reading.MoverScope? Movers { get; init; }

    /// <summary>The ticked rows by their display names, when the selection was ticked rows and a name is declared.</summary>
    public string? Names { get; init; }
}
