using StockAndFlow.Storage;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using StockAndFlow.Definitions;

namespace StockAndFlow.Capture;

/// <summary>A flow firing found while saving; its event row may wait for a store-generated key.</summary>
internal sealed class PendingFlowEvent(EntityEntry entry, object subject, Flow flow, Stock source, Stock sink, FlowEvent? written)
{
    public EntityEntry Entry { get; } = entry;

    public object Subject { get; } = subject;

    public Flow Flow { get; } = flow;

    public Stock Source { get; } = source;

    public Stock Sink { get; } = sink;

    /// <summary>The event row, once its subject key is known.</summary>
    public FlowEvent? Event { get; set; } = written;
}
