using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage;

namespace StockAndFlow.Capture;

/// <summary>What <see cref="FlowCaptureInterceptor"/> keeps per context between the steps of a save.</summary>
internal sealed class CaptureState(KnownInstances known)
{
    public KnownInstances Known { get; } = known;

    public List<PendingFlowEvent> Pending { get; } = [];

    public List<EntityEntry> Added { get; } = [];

    public List<PendingFlowEvent> AwaitingCommit { get; } = [];

    public List<EntityEntry> Leftovers { get; } = [];

    /// <summary>Entries of captured types in the current save whose values it makes known: added, or of unknown origin.</summary>
    public List<EntityEntry> Saved { get; } = [];

    public IDbContextTransaction? OwnTransaction { get; set; }

    public bool Suppressed { get; set; }

    public bool RestoreAutoDetect { get; set; }

    public DateTime Now { get; set; }

    public void Reset()
    {
        Pending.Clear();
        Added.Clear();
        Saved.Clear();
    }
}
