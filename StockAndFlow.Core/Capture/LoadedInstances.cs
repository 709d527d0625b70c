using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace StockAndFlow.Capture;

/// <summary>
/// Remembers which instances of captured types a context read with a tracking query or saved itself:
/// only for those are the tracker's original values the stored ones. Capture reads the stored row of
/// any other modified or deleted instance.
/// </summary>
/// <remarks>
/// One process-wide instance: EF Core builds an internal service provider per distinct set of
/// materialization interceptors, so an instance per engine would build one per engine. Entities and
/// contexts are held weakly.
/// </remarks>
internal sealed class LoadedInstances : IMaterializationInterceptor
{
    private static readonly ConditionalWeakTable<object, object> KnownBy = [];
    private static readonly ConditionalWeakTable<DbContext, object> Identities = [];
    private static readonly ConcurrentDictionary<Type, byte> Watched = new();

    private LoadedInstances()
    {
    }

    public static LoadedInstances Instance { get; } = new();

    /// <summary>Adds entity types (and their subtypes) whose loaded instances are remembered.</summary>
    public static void Watch(IEnumerable<Type> types)
    {
        foreach (var type in types)
        {
            Watched.TryAdd(type, 0);
        }
    }

    public static void MarkKnown(DbContext context, object entity) => KnownBy.AddOrUpdate(entity, Identity(context));

    public static bool IsKnown(DbContext context, object entity) =>
        KnownBy.TryGetValue(entity, out var identity) && Identities.TryGetValue(context, out var mine) && ReferenceEquals(identity, mine);

    /// <inheritdoc />
    public object InitializedInstance(MaterializationInterceptionData materializationData, object entity)
    {
        if (materializationData.QueryTrackingBehavior == QueryTrackingBehavior.TrackAll && IsWatched(entity.GetType()))
        {
            MarkKnown(materializationData.Context, entity);
        }

        return entity;
    }

    // The context stands for itself through an identity object, so an entity never keeps it alive.
    private static object Identity(DbContext context) => Identities.GetValue(context, _ => new object());

    private static bool IsWatched(Type type)
    {
        for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
        {
            if (Watched.ContainsKey(current))
            {
                return true;
            }
        }

        return false;
    }
}
