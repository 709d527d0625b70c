using StockAndFlow.Storage;
using StockAndFlow.Definitions;

namespace StockAndFlow.Definitions;

/// <summary>
/// Runs for each event of the flows it is registered on (<c>.Handle&lt;THandler&gt;()</c>), after the
/// save's transaction commits, in its own DI scope. An exception is logged and never undoes the save.
/// </summary>
public interface IFlowEventHandler<in T>
    where T : class
{
    /// <summary>Handles one event.</summary>
    Task HandleAsync(T subject, FlowEventInfo info, CancellationToken cancellationToken);
}

/// <summary>What happened to a subject: the flow, its source and sink, and the stored event.</summary>
public sealed record FlowEventInfo(Flow Flow, Stock Source, Stock Sink, FlowEvent Event);
