using Microsoft.EntityFrameworkCore;
using StockAndFlow.Definitions;
using StockAndFlow.Storage;

namespace StockAndFlow.Admin.Reading;

/// <summary>Every declared alert with whether it holds now (its open incident) and its recent history.</summary>
public sealed class AlertsReader(StockAndFlowModel model, AdminDatabase database)
{
    /// <summary>How many alerts hold now, for the navigation badge.</summary>
    public Task<int> FiringCountAsync(CancellationToken cancellationToken) => model.Alerts.Count == 0
        ? Task.FromResult(0)
        : database.Context.Set<AlertIncident>().AsNoTracking().Where(i => i.ResolvedAt == null).Select(i => i.Alert).Distinct().CountAsync(cancellationToken);

    /// <summary>Each alert, holding ones first, with up to <paramref name="history"/> of its latest incidents.</summary>
    public async Task<IReadOnlyList<AlertRow>> AlertsAsync(int history, CancellationToken cancellationToken)
    {
        var slugs = model.Alerts.Select(a => a.Slug).ToList();
        var incidents = slugs.Count == 0 ? [] : await database.Context.Set<AlertIncident>().AsNoTracking()
            .Where(i => slugs.Contains(i.Alert))
            .OrderByDescending(i => i.FiredAt).ThenByDescending(i => i.Id)
            .Take(history * Math.Max(1, slugs.Count))
            .ToListAsync(cancellationToken);
        return [.. model.Alerts
            .Select(a => new AlertRow(a, incidents.FirstOrDefault(i => i.Alert == a.Slug && i.ResolvedAt is null), [.. incidents.Where(i => i.Alert == a.Slug).Take(history)]))
            .OrderBy(r => r.Open is null ? 1 : 0)];
    }
}

/// <summary>An alert, its open incident if it holds now, and its latest incidents.</summary>
public sealed record AlertRow(AlertDefinition Alert, AlertIncident? Open, IReadOnlyList<AlertIncident> History);
