namespace StockAndFlow.Admin;

/// <summary>The admin's pages: path under the prefix → controller and action in the StockAndFlowAdmin area.</summary>
internal static class AdminRoutes
{
    public const string Area = "StockAndFlowAdmin";

    public static readonly (string Name, string Path, string Controller, string Action)[] Pages =
    [
        ("sfa-home", "", "Home", "Index"),
        ("sfa-stock", "stocks/{slug}", "Stocks", "Show"),
        ("sfa-members", "stocks/{slug}/members", "Stocks", "Members"),
        ("sfa-action", "stocks/{slug}/actions/{actionSlug}", "Actions", "Confirm"),
        ("sfa-executions", "executions", "Actions", "Log"),
        ("sfa-execution", "executions/{id:long}", "Actions", "Execution"),
        ("sfa-flow", "flows/{slug}", "Flows", "Show"),
        ("sfa-process", "processes/{slug}", "Processes", "Show"),
        ("sfa-movements", "types/{entity}/movements", "Movements", "Show"),
        ("sfa-projection", "stocks/{slug}/projection", "Projections", "Show"),
        ("sfa-alerts", "alerts", "Alerts", "Index"),
        ("sfa-jobs", "jobs", "Jobs", "Index"),
        ("sfa-decay", "jobs/decay/{rule}/{command}", "Jobs", "Decay"),
        ("sfa-trigger", "jobs/trigger/{job}", "Jobs", "Trigger"),
        ("sfa-statistics", "statistics", "Statistics", "Index"),
        ("sfa-metric", "statistics/{domain}/{metric}", "Statistics", "Metric"),
        ("sfa-insights", "insights", "Insights", "Index"),
        ("sfa-insight-runs", "insights/runs", "Insights", "Runs"),
        ("sfa-insight", "insights/{slug}", "Insights", "Show"),
    ];
}
