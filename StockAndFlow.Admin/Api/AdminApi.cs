using Microsoft.EntityFrameworkCore;
using StockAndFlow.Definitions;
using StockAndFlow.Hosting;
using StockAndFlow.Members;
using StockAndFlow.Records;

namespace StockAndFlow.Admin.Api;

/// <summary>
/// The admin's JSON API (what the charts use), under the admin's policy. Unknown slugs answer 404,
/// bad dates, inverted ranges, oversized pages and unknown facets 400 — always as ProblemDetails, never
/// a 500 for bad input. Tables and series also download as CSV with <c>format=csv</c>.
/// </summary>
internal static class AdminApi
{
    public static RouteGroupBuilder MapAdminApi(this RouteGroupBuilder admin)
    {
        var api = admin.MapGroup("/api");
        api.AddEndpointFilter(async (context, next) =>
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
        });

        api.MapAdminInsightsApi();
        api.MapGet("/openapi.json", (HttpContext http) => Results.Json(AdminApiDocument.Build($"{http.Request.PathBase}{http.Request.Path.Value![..^"/openapi.json".Length]}")));

        api.MapGet("/stocks", async (HttpContext http, AdminReadModel read, CancellationToken ct) =>
        {
            var stocks = await read.StocksAsync(Db(http), ct);
            return Tabular.WantsCsv(http.Request)
                ? Tabular.Csv("stocks.csv", ["slug", "name", "entity", "count", "previous", "change"], stocks.Select(s => (IReadOnlyList<object?>)[s.Slug, s.Name, s.Entity, s.Count, s.Previous, s.Change]))
                : Results.Ok(stocks);
        });

        api.MapGet("/stocks/{slug}", async (string slug, HttpContext http, AdminReadModel read, CancellationToken ct) =>
        {
            if (read.Model.FindStock(slug) is not { } stock)
            {
                return AdminProblems.NotFound("stock", slug);
            }

            var detail = await read.StockAsync(Db(http), stock, ct);
            var facetSlug = http.Request.Query["facet"].ToString();
            if (facetSlug.Length == 0)
            {
                return Tabular.WantsCsv(http.Request)
                    ? Tabular.Csv($"{slug}.csv", ["slug", "name", "entity", "count", "previous", "change"], [[detail.Summary.Slug, detail.Summary.Name, detail.Summary.Entity, detail.Summary.Count, detail.Summary.Previous, detail.Summary.Change]])
                    : Results.Ok(detail);
            }

            var facet = detail.Facets.FirstOrDefault(f => f.Slug == facetSlug)
                ?? throw new AdminBadRequestException("facet", $"Stock '{slug}' has no facet '{facetSlug}'.");
            return Tabular.WantsCsv(http.Request)
                ? Tabular.Csv($"{slug}-{facetSlug}-counts.csv", ["value", "count", "share"], facet.Values.Select(v => (IReadOnlyList<object?>)[v.Value, v.Count, Math.Round(v.Share, 6)]))
                : Results.Ok(facet);
        });

        api.MapGet("/stocks/{slug}/records", async (string slug, HttpContext http, AdminReadModel read, StockHistory history, CancellationToken ct) =>
        {
            if (read.Model.FindStock(slug) is not { } stock)
            {
                return AdminProblems.NotFound("stock", slug);
            }

            var range = RangeQuery.Parse(http.Request, read.Now, read.Calendar);
            var facetSlug = http.Request.Query["facet"].ToString();
            var zone = read.Calendar.TimeZone.Id;
            if (facetSlug.Length > 0)
            {
                var facet = stock.Facets.FirstOrDefault(f => f.Slug == facetSlug)
                    ?? throw new AdminBadRequestException("facet", $"Stock '{slug}' has no facet '{facetSlug}'.");
                var series = await history.ReadFacetAsync(Db(http), stock, facet, range.From, range.To, range.Period, ct);
                return Tabular.WantsCsv(http.Request)
                    ? Tabular.Csv($"{slug}-{facetSlug}.csv", ["value", "bucketStart", "count"], series.SelectMany(s => s.Points.Select(p => (IReadOnlyList<object?>)[s.Value, p.BucketStart, p.Value])))
                    : Results.Ok(new { stock = slug, facet = facetSlug, period = range.Period.ToString().ToLowerInvariant(), timeZone = zone, series = series.Select(s => new { value = s.Value, points = s.Points }) });
            }

            var points = await history.ReadAsync(Db(http), stock, range.From, range.To, range.Period, ct);
            return Tabular.WantsCsv(http.Request)
                ? Tabular.Csv($"{slug}-records.csv", ["bucketStart", "count"], points.Select(p => (IReadOnlyList<object?>)[p.BucketStart, p.Value]))
                : Results.Ok(new { stock = slug, period = range.Period.ToString().ToLowerInvariant(), timeZone = zone, points });
        });

        api.MapGet("/stocks/{slug}/members", async (string slug, HttpContext http, AdminReadModel read, CancellationToken ct) =>
        {
            if (read.Model.FindStock(slug) is not { } stock)
            {
                return AdminProblems.NotFound("stock", slug);
            }

            var query = MembersRequest.Parse(http.Request);
            var page = await MemberQuery.PageAsync(Db(http), stock, query.Selection, query.Sort, query.Descending, query.Page, query.PageSize, ct);
            return Tabular.WantsCsv(http.Request)
                ? Tabular.Csv($"{slug}-members.csv", [.. page.Columns.Select(c => c.Name)], page.Rows.Select(r => r.Values))
                : Results.Ok(new
                {
                    stock = slug,
                    page.Total,
                    page.Page,
                    page.PageSize,
                    page.PageCount,
                    page.Sort,
                    page.Descending,
                    columns = page.Columns.Select(c => c.Name),
                    rows = page.Rows.Select(r => new { r.Key, r.Values }),
                });
        });

        api.MapGet("/flows", async (HttpContext http, AdminReadModel read, CancellationToken ct) =>
        {
            var flows = await read.FlowsAsync(Db(http), ct);
            return Tabular.WantsCsv(http.Request)
                ? Tabular.Csv("flows.csv", ["slug", "name", "entity", "sources", "sinks", "eventsToday"], flows.Select(f => (IReadOnlyList<object?>)[f.Slug, f.Name, f.Entity, string.Join(' ', f.Sources.Select(s => s ?? "external")), string.Join(' ', f.Sinks.Select(s => s ?? "external")), f.LastPeriod]))
                : Results.Ok(flows);
        });

        api.MapGet("/flows/{slug}/rates", async (string slug, HttpContext http, AdminReadModel read, FlowRates rates, CancellationToken ct) =>
        {
            if (read.Model.FindFlow(slug) is not { } flow)
            {
                return AdminProblems.NotFound("flow", slug);
            }

            var range = RangeQuery.Parse(http.Request, read.Now, read.Calendar);
            var points = await rates.ReadAsync(Db(http), flow, range.From, range.To, range.Period, ct);
            return Tabular.WantsCsv(http.Request)
                ? Tabular.Csv($"{slug}-rates.csv", ["bucketStart", "events"], points.Select(p => (IReadOnlyList<object?>)[p.BucketStart, p.Value]))
                : Results.Ok(new { flow = slug, period = range.Period.ToString().ToLowerInvariant(), timeZone = read.Calendar.TimeZone.Id, points });
        });

        api.MapGet("/flows/{slug}/breakdown", async (string slug, HttpContext http, AdminReadModel read, FlowRates rates, CancellationToken ct) =>
        {
            if (read.Model.FindFlow(slug) is not { } flow)
            {
                return AdminProblems.NotFound("flow", slug);
            }

            var facet = http.Request.Query["facet"].ToString();
            if (!FlowRecordUpdater.FacetsOf(flow).Any(f => f.Slug == facet))
            {
                throw new AdminBadRequestException("facet", $"Flow '{slug}' has no facet '{facet}'. Known: {string.Join(", ", FlowRecordUpdater.FacetsOf(flow).Select(f => f.Slug))}.");
            }

            var range = RangeQuery.Parse(http.Request, read.Now, read.Calendar);
            var values = await rates.BreakdownAsync(Db(http), flow, facet, range.From, range.To, ct);
            return Tabular.WantsCsv(http.Request)
                ? Tabular.Csv($"{slug}-{facet}.csv", ["value", "events"], values.Select(v => (IReadOnlyList<object?>)[v.Value, v.Count]))
                : Results.Ok(new { flow = slug, facet, values });
        });

        api.MapGet("/flows/{slug}/events", async (string slug, HttpContext http, AdminReadModel read, CancellationToken ct) =>
        {
            if (read.Model.FindFlow(slug) is not { } flow)
            {
                return AdminProblems.NotFound("flow", slug);
            }

            var (page, pageSize) = MembersRequest.ParsePage(http.Request);
            var events = Db(http).Set<FlowEvent>().AsNoTracking().Where(e => e.Flow == flow.Slug);
            var total = await events.LongCountAsync(ct);
            var rows = await events.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
            return Tabular.WantsCsv(http.Request)
                ? Tabular.Csv($"{slug}-events.csv", ["occurredAt", "subjectType", "subjectKey", "source", "sink"], rows.Select(e => (IReadOnlyList<object?>)[e.OccurredAt, e.SubjectType, e.SubjectKey, e.Source, e.Sink]))
                : Results.Ok(new { flow = slug, total, page, pageSize, events = rows.Select(e => new { e.OccurredAt, e.SubjectType, e.SubjectKey, e.Source, e.Sink }) });
        });

        api.MapGet("/executions", async (HttpContext http, CancellationToken ct) =>
        {
            var (page, pageSize) = MembersRequest.ParsePage(http.Request);
            var rows = await Db(http).Set<ActionExecution>().AsNoTracking().OrderByDescending(e => e.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
            return Tabular.WantsCsv(http.Request)
                ? Tabular.Csv("audit-log.csv", ["id", "requestedAt", "user", "action", "stock", "selection", "status", "selected", "affected", "finishedAt", "error"], rows.Select(e => (IReadOnlyList<object?>)[e.Id, e.RequestedAt, e.User, e.Action, e.Stock, e.Filter, e.Status.ToString(), e.Selected, e.Affected, e.FinishedAt, e.Error]))
                : Results.Ok(rows.Select(e => new { e.Id, e.RequestedAt, e.User, e.Action, e.Stock, Selection = e.Filter, Status = e.Status.ToString(), e.Selected, e.Affected, e.FinishedAt, e.Error }));
        });

        api.MapGet("/executions/{id:long}", async (long id, HttpContext http, StockAndFlow.Actions.ActionProgress progress, CancellationToken ct) =>
        {
            if (await Db(http).Set<ActionExecution>().AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, ct) is not { } execution)
            {
                return AdminProblems.NotFound("execution", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            var live = progress.Of(id);
            return Results.Ok(new
            {
                execution.Id,
                execution.Action,
                execution.Stock,
                Status = execution.Status.ToString(),
                Selected = live?.Selected ?? execution.Selected,
                Processed = live?.Processed ?? execution.Processed,
                execution.Affected,
                execution.Error,
                execution.RequestedAt,
                execution.FinishedAt,
            });
        });

        return api;
    }

    internal static DbContext Db(HttpContext http) =>
        http.RequestServices.GetRequiredService<IStockAndFlowContextFactory>().GetContext(http.RequestServices);
}
