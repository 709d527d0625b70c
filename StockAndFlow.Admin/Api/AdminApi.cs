using StockAndFlow.Reading;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;

namespace StockAndFlow.Admin.Api;

/// <summary>
/// The admin's JSON API (what the charts use), under the admin's policy. Unknown slugs answer 404,
/// bad dates, inverted ranges, oversized pages and unknown facets 400 — always as ProblemDetails, never
/// a 500 for bad input. Tables and series also download as CSV with <c>format=csv</c>. Each area's
/// endpoints are named handlers in their own class; they read through the read layer (<c>Reading/</c>).
/// </summary>
internal static class AdminApi
{
    private const string DocumentPath = "/openapi.json";

    public static RouteGroupBuilder MapAdminApi(this RouteGroupBuilder admin)
    {
        var api = admin.MapGroup("/api");
        api.AddEndpointFilter(AnswerBadInputAsync);
        api.MapStocksApi();
        api.MapBridgeApi();
        api.MapFlowsApi();
        api.MapExecutionsApi();
        api.MapStatisticsApi();
        api.MapInsightsApi();
        api.MapMovementsApi();
        api.MapDiagramsApi();
        api.MapAlertsApi();
        api.MapAnnotationsApi();
        api.MapGet(DocumentPath, GetDocument);
        return api;
    }

    // The parsers throw on bad input wherever they run; this turns that into the 400 that names the parameter.
    private static async ValueTask<object?> AnswerBadInputAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (AdminBadRequestException ex)
        {
            return AdminProblems.BadRequest(ex.Parameter, ex.Message);
        }
        catch (MemberQueryException ex)
        {
            return AdminProblems.BadRequest("query", ex.Message);
        }
    }

    private static JsonHttpResult<JsonObject> GetDocument(HttpRequest request) =>
        TypedResults.Json(AdminApiDocument.Build($"{request.PathBase}{request.Path.Value![..^DocumentPath.Length]}"));
}
