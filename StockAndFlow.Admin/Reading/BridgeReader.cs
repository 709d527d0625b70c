using Microsoft.EntityFrameworkCore;
using StockAndFlow.Definitions;
using StockAndFlow.Storage;

namespace StockAndFlow.Admin.Reading;

/// <summary>
/// Stock bridges as the recount stored them: a stock's (or one facet value's) last bridge as bars of a
/// waterfall, and which stocks' last bridges have a change no captured write explains.
/// </summary>
public sealed class BridgeReader(StockAndFlowModel model, AdminDatabase database)
{
    /// <summary>
    /// The last bridge of <paramref name="stock"/>, or of one value of <paramref name="facet"/>
    /// (<paramref name="value"/> null: the NULL bucket); null when the stock was never recounted.
    /// </summary>
    public async Task<StockBridge?> LastAsync(Stock stock, string? facet, string? value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stock);
        var slug = stock.Slug;
        var recount = await database.Context.Set<Recount>().AsNoTracking().Where(r => r.Stock == slug).OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        if (recount is null)
        {
            return null;
        }

        var facetSlug = facet ?? "";
        var isNull = facet is null || value is null;
        var text = isNull ? "" : value!;
        var lines = await database.Context.Set<BridgeLine>().AsNoTracking()
            .Where(l => l.RecountId == recount.Id && l.Facet == facetSlug && l.IsNull == isNull && l.Value == text)
            .ToListAsync(cancellationToken);
        var bars = new List<BridgeBar>();
        var level = 0L;
        foreach (var line in lines.OrderBy(l => l.Term).ThenBy(l => l.Flow, StringComparer.Ordinal))
        {
            var amount = line.Term == BridgeTerm.Outflow ? -line.Amount : line.Amount;
            var (start, end) = line.Term is BridgeTerm.Opening or BridgeTerm.Closing ? (0L, line.Amount) : (level, level + amount);
            level = end;
            bars.Add(new BridgeBar(line.Term.ToString().ToLowerInvariant(), line.Flow.Length == 0 ? null : line.Flow, Label(line), amount, start, end));
        }

        var unexplained = lines.Where(l => l.Term == BridgeTerm.Unexplained).Sum(l => l.Amount);
        return new StockBridge(slug, facet, isNull ? null : value, recount.OpenedAt, recount.CountedAt, unexplained, bars);
    }

    /// <summary>The stocks whose last bridge has a non-zero unexplained change, with that change.</summary>
    public async Task<IReadOnlyDictionary<string, long>> UnexplainedAsync(CancellationToken cancellationToken)
    {
        var last = database.Context.Set<Recount>().GroupBy(r => r.Stock).Select(g => g.Max(r => r.Id));
        return await database.Context.Set<Recount>().AsNoTracking()
            .Where(r => last.Contains(r.Id) && r.Unexplained != 0)
            .ToDictionaryAsync(r => r.Stock, r => r.Unexplained, cancellationToken);
    }

    private string Label(BridgeLine line) => line.Term switch
    {
        BridgeTerm.Inflow or BridgeTerm.Outflow => model.FindFlow(line.Flow)?.Name ?? line.Flow,
        BridgeTerm.Undeclared => "Moves no flow records",
        BridgeTerm.Reassigned => "Changed value, stayed",
        BridgeTerm.Unexplained => "Unexplained",
        _ => line.Term.ToString(),
    };
}

/// <summary>A stock's (or facet value's) bridge from one recount to the next.</summary>
public sealed record StockBridge(string Stock, string? Facet, string? Value, DateTime? OpenedAt, DateTime CountedAt, long Unexplained, IReadOnlyList<BridgeBar> Bars);

/// <summary>One bar of a bridge: its term, the flow for inflows and outflows, its signed amount and where it starts and ends.</summary>
public sealed record BridgeBar(string Term, string? Flow, string Label, long Amount, long Start, long End);
