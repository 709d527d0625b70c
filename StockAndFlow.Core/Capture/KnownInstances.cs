using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace StockAndFlow.Capture;

/// <summary>
/// The instances of captured types one context read with a tracking query or saved itself: only for
/// those are the tracker's original values the stored ones. Capture reads the stored row of any other
/// modified or deleted instance.
/// </summary>
/// <remarks>
/// Fed by <see cref="ChangeTracker.Tracked"/> (<c>FromQuery</c>), subscribed when EF Core initializes the
/// context (<see cref="ContextWatcher"/>), before its first query. A materialization interceptor would
/// see the same instances, but registering one makes EF Core materialize every entity of every query,
/// and every <c>OriginalValues.ToObject()</c> capture calls, through a slower path: loading 10 000
/// tracked rows allocated 28 MB instead of 9.6 MB.
/// </remarks>
internal sealed class KnownInstances(Func<Type, bool> isCaptured)
{
    private readonly HashSet<object> _known = new(ReferenceEqualityComparer.Instance);
    private bool _watching;

    /// <summary>Starts following the context's tracking queries; does nothing the second time.</summary>
    public void Watch(DbContext context)
    {
        if (!_watching)
        {
            _watching = true;
            context.ChangeTracker.Tracked += OnTracked;
        }
    }

    public bool Contains(object entity) => _known.Contains(entity);

    public void Add(object entity) => _known.Add(entity);

    private void OnTracked(object? sender, EntityTrackedEventArgs e)
    {
        if (e.FromQuery && isCaptured(e.Entry.Metadata.ClrType))
        {
            _known.Add(e.Entry.Entity);
        }
    }
}
