namespace StockAndFlow.Moves;

/// <summary>What a set-based move did: rows selected, rows moved (each with one flow event).</summary>
public sealed record TransitionResult(int Selected, int Moved);
