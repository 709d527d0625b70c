using System.Collections.Concurrent;

namespace StockAndFlow.Actions;

/// <summary>
/// Live progress of running action executions, in memory. Progress is not written to the database
/// while the action's transaction is open: on SQLite a second connection could not write until it
/// commits. A server shows the progress of the executions it runs; the stored row has the outcome.
/// </summary>
public sealed class ActionProgress
{
    private readonly ConcurrentDictionary<long, (int Processed, int Selected)> _running = new();

    /// <summary>Progress of a running execution on this server, if any.</summary>
    public (int Processed, int Selected)? Of(long executionId) => _running.TryGetValue(executionId, out var p) ? p : null;

    internal void Report(long executionId, int processed, int selected) => _running[executionId] = (processed, selected);

    internal void Finish(long executionId) => _running.TryRemove(executionId, out _);
}
