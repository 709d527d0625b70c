namespace StockAndFlow.Admin;

/// <summary>The admin's pages: path under the prefix → controller and action in the StockAndFlowAdmin area.</summary>
internal static class AdminRoutes
{
    public const string Area = "StockAndFlowAdmin";

    public static readonly (string Name, string Path, string Controller, string Action)[] Pages =
    [
        ("stockandflow-admin-home", "", "Home", "Index"),
        ("stockandflow-admin-stock", "stocks/{slug}", "Stocks", "Show"),
        ("stockandflow-admin-members", "stocks/{slug}/members", "Stocks", "Members"),
        ("stockandflow-admin-action", "stocks/{slug}/actions/{actionSlug}", "Actions", "Confirm"),
        ("stockandflow-admin-executions", "executions", "Actions", "Log"),
        ("stockandflow-admin-execution", "executions/{id:long}", "Actions", "Execution"),
        ("stockandflow-admin-flow", "flows/{slug}", "Flows", "Show"),
        ("stockandflow-admin-movers", "flows/{slug}/movers", "Flows", "Movers"),
        ("stockandflow-admin-movers-action", "flows/{slug}/movers/actions/{actionSlug}", "Actions", "ConfirmMovers"),
        ("stockandflow-admin-process", "processes/{slug}", "Processes", "Show"),
        ("stockandflow-admin-movements", "types/{entity}/movements", "Movements", "Show"),
        ("stockandflow-admin-projection", "stocks/{slug}/projection", "Projections", "Show"),
        ("stockandflow-admin-alerts", "alerts", "Alerts", "Index"),
        ("stockandflow-admin-jobs", "jobs", "Jobs", "Index"),
        ("stockandflow-admin-decay", "jobs/decay/{rule}/{command}", "Jobs", "Decay"),
        ("stockandflow-admin-trigger", "jobs/trigger/{job}", "Jobs", "Trigger"),
        ("stockandflow-admin-statistics", "statistics", "Statistics", "Index"),
        ("stockandflow-admin-metric", "statistics/{domain}/{metric}", "Statistics", "Metric"),
        ("stockandflow-admin-insights", "insights", "Insights", "Index"),
        ("stockandflow-admin-insight-runs", "insights/runs", "Insights", "Runs"),
        ("stockandflow-admin-insight", "insights/{slug}", "Insights", "Show"),
    ];
}
