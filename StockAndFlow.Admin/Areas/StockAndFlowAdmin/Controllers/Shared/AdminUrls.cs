using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Shared;

/// <summary>
/// Links between admin pages and to the JSON API, generated from the route names in
/// <c>AdminRoutes</c>, so they follow wherever the host mounted the admin.
/// </summary>
public static class AdminUrls
{
    public static string AdminHome(this IUrlHelper url) => Route(url, "stockandflow-admin-home", null);

    public static string Stock(this IUrlHelper url, string slug) => Route(url, "stockandflow-admin-stock", new { slug });

    public static string Members(this IUrlHelper url, string slug, IEnumerable<KeyValuePair<string, StringValues>>? query = null) =>
        WithQuery(Route(url, "stockandflow-admin-members", new { slug }), query);

    public static string ConfirmAction(this IUrlHelper url, string slug, string actionSlug, IEnumerable<KeyValuePair<string, StringValues>>? query = null) =>
        WithQuery(Route(url, "stockandflow-admin-action", new { slug, actionSlug }), query);

    public static string Execution(this IUrlHelper url, long id) => Route(url, "stockandflow-admin-execution", new { id });

    public static string AuditLog(this IUrlHelper url, int page = 1) =>
        page == 1 ? Route(url, "stockandflow-admin-executions", null) : Route(url, "stockandflow-admin-executions", new { page });

    public static string Flow(this IUrlHelper url, string slug) => Route(url, "stockandflow-admin-flow", new { slug });

    public static string Movers(this IUrlHelper url, string slug, IEnumerable<KeyValuePair<string, StringValues>>? query = null) =>
        WithQuery(Route(url, "stockandflow-admin-movers", new { slug }), query);

    /// <summary>The movers page of a stored scope: its flow over exactly its range.</summary>
    public static string Movers(this IUrlHelper url, global::StockAndFlow.Reading.MoverScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        const string Iso = "yyyy-MM-ddTHH:mm:ssZ";
        return url.Movers(scope.Flow, [new("from", scope.From.ToString(Iso, System.Globalization.CultureInfo.InvariantCulture)), new("to", scope.To.ToString(Iso, System.Globalization.CultureInfo.InvariantCulture))]);
    }

    public static string ConfirmMoversAction(this IUrlHelper url, string slug, string actionSlug, IEnumerable<KeyValuePair<string, StringValues>>? query = null) =>
        WithQuery(Route(url, "stockandflow-admin-movers-action", new { slug, actionSlug }), query);

    public static string Process(this IUrlHelper url, string slug) => Route(url, "stockandflow-admin-process", new { slug });

    public static string Movements(this IUrlHelper url, string entity) => Route(url, "stockandflow-admin-movements", new { entity });

    public static string Projection(this IUrlHelper url, string slug) => Route(url, "stockandflow-admin-projection", new { slug });

    public static string Jobs(this IUrlHelper url) => Route(url, "stockandflow-admin-jobs", null);

    public static string DecayCommand(this IUrlHelper url, string rule, string command) => Route(url, "stockandflow-admin-decay", new { rule, command });

    public static string TriggerJob(this IUrlHelper url, string job) => Route(url, "stockandflow-admin-trigger", new { job });

    /// <summary>An admin API URL, e.g. <c>Api("stocks", slug, "records")</c> → <c>/stockflow-admin/api/stocks/{slug}/records</c>.</summary>
    public static string Api(this IUrlHelper url, params string[] segments) =>
        url.AdminHome().TrimEnd('/') + "/api/" + string.Join('/', segments.Select(Uri.EscapeDataString));

    /// <summary>The same URL answering CSV.</summary>
    public static string Csv(string apiUrl) => QueryHelpers.AddQueryString(apiUrl, "format", "csv");

    public static string WithQuery(string path, IEnumerable<KeyValuePair<string, StringValues>>? query) =>
        query is null ? path : QueryHelpers.AddQueryString(path, query.Where(p => !StringValues.IsNullOrEmpty(p.Value)));

    private static string Route(IUrlHelper url, string name, object? values) =>
        url.RouteUrl(name, values) ?? throw new InvalidOperationException($"No admin route '{name}': is the admin mapped with app.MapStockAndFlowAdmin()?");
}
