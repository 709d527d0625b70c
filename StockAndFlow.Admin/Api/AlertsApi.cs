using Microsoft.AspNetCore.Http.HttpResults;
using StockAndFlow.Admin.Reading;

namespace StockAndFlow.Admin.Api;

/// <summary>The alerts API: each declared alert, whether it holds, and its latest incidents.</summary>
internal static class AlertsApi
{
    public static RouteGroupBuilder MapAlertsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/alerts", GetAlertsAsync);
        return api;
    }

    private static async Task<Results<Ok<IReadOnlyList<AlertSummary>>, FileContentHttpResult>> GetAlertsAsync(
        [AsParameters] TableFormat format, AlertsReader alerts, CancellationToken cancellationToken)
    {
        var rows = (await alerts.AlertsAsync(10, cancellationToken)).Select(AlertSummary.Of).ToList();
        return format.IsCsv
            ? Tabular.Csv("alerts.csv", ["slug", "name", "condition", "firing", "since", "message"], rows.Select(r => (IReadOnlyList<object?>)[r.Slug, r.Name, r.Condition, r.Firing, r.Since, r.Message]))
            : TypedResults.Ok<IReadOnlyList<AlertSummary>>(rows);
    }
}

/// <summary>An alert as the API answers it, with its latest incidents.</summary>
public sealed record AlertSummary(string Slug, string Name, string Condition, bool Firing, DateTime? Since, string? Message, IReadOnlyList<AlertIncidentRow> Incidents)
{
    public static AlertSummary Of(AlertRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new AlertSummary(row.Alert.Slug, row.Alert.Name, row.Alert.Describe(), row.Open is not null, row.Open?.FiredAt, row.Open?.Message,
            [.. row.History.Select(i => new AlertIncidentRow(i.FiredAt, i.ResolvedAt, i.Value, i.Message))]);
    }
}

/// <summary>One time an alert held.</summary>
public sealed record AlertIncidentRow(DateTime FiredAt, DateTime? ResolvedAt, double Value, string Message);
