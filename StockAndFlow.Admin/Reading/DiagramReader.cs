using Microsoft.EntityFrameworkCore;
using StockAndFlow.Admin.Api;
using StockAndFlow.Definitions;
using StockAndFlow.Storage;

namespace StockAndFlow.Admin.Reading;

/// <summary>
/// A live stock-and-flow diagram's numbers: each stock with its live count, each flow with its events
/// over a range, split by the stock pair each move went between (External as null).
/// </summary>
public sealed class DiagramReader(AdminReadModel read, AdminDatabase database)
{
    /// <summary>A process's stocks and every flow that touches one of them (its declared flows included).</summary>
    public Task<Diagram> ProcessAsync(Process process, RangeQuery range, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(process);
        var flows = process.Flows.Concat(read.Model.Flows.Where(f => f.Sources.Concat(f.Sinks).Any(process.Stocks.Contains))).Distinct().ToList();
        return BuildAsync(process.Name, process.Stocks, flows, range, cancellationToken);
    }

    /// <summary>Every stock and flow of one entity type.</summary>
    public Task<Diagram> EntityAsync(Type entity, RangeQuery range, CancellationToken cancellationToken) =>
        BuildAsync(entity.Name, [.. read.Model.Stocks.Where(s => s.EntityType == entity)], [.. read.Model.Flows.Where(f => f.EntityType == entity)], range, cancellationToken);

    private async Task<Diagram> BuildAsync(string title, IReadOnlyList<Stock> stocks, IReadOnlyList<Flow> flows, RangeQuery range, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(range);
        var counts = (await read.StocksAsync(cancellationToken)).ToDictionary(s => s.Slug, s => s.Count, StringComparer.Ordinal);
        var slugs = flows.Select(f => f.Slug).ToList();
        var moves = slugs.Count == 0 ? [] : await database.Context.Set<FlowEvent>().AsNoTracking()
            .Where(e => slugs.Contains(e.Flow) && e.OccurredAt >= range.From && e.OccurredAt < range.To)
            .GroupBy(e => new { e.Flow, e.Source, e.Sink })
            .Select(g => new { g.Key.Flow, g.Key.Source, g.Key.Sink, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        var shown = stocks.Concat(flows.SelectMany(f => f.Sources.Concat(f.Sinks))).Where(s => !s.IsExternal).Distinct().ToList();
        return new Diagram(
            title,
            range.From,
            range.To,
            [.. shown.Select(s => new DiagramStock(s.Slug, s.Name, counts.GetValueOrDefault(s.Slug), stocks.Contains(s)))],
            [.. flows.Select(f => new DiagramFlow(
                f.Slug,
                f.Name,
                [.. f.Sources.Select(s => s.IsExternal ? null : s.Slug)],
                [.. f.Sinks.Select(s => s.IsExternal ? null : s.Slug)],
                moves.Where(m => m.Flow == f.Slug).Sum(m => m.Count),
                [.. moves.Where(m => m.Flow == f.Slug).OrderByDescending(m => m.Count).Select(m => new DiagramMove(m.Source, m.Sink, m.Count))]))]);
    }
}

/// <summary>A stock-and-flow diagram's numbers.</summary>
public sealed record Diagram(string Title, DateTime From, DateTime To, IReadOnlyList<DiagramStock> Stocks, IReadOnlyList<DiagramFlow> Flows);

/// <summary>A stock box: its live count; <see cref="InScope"/> is false for a stock of another process a flow leads to.</summary>
public sealed record DiagramStock(string Slug, string Name, long Count, bool InScope);

/// <summary>A flow with its events over the range, in all and by the pair of stocks each move went between.</summary>
public sealed record DiagramFlow(string Slug, string Name, IReadOnlyList<string?> Sources, IReadOnlyList<string?> Sinks, long Events, IReadOnlyList<DiagramMove> Moves);

/// <summary>Moves of one flow between two stocks (null: outside).</summary>
public sealed record DiagramMove(string? Source, string? Sink, long Count);
