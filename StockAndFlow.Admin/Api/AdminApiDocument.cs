using System.Text.Json.Nodes;

namespace StockAndFlow.Admin.Api;

/// <summary>
/// The OpenAPI 3.1 description of the admin's JSON API, served at <c>{admin}/api/openapi.json</c> under
/// the admin's policy: every route with its parameters and error answers. A test checks that it lists
/// every mapped API route, so a new endpoint cannot go undescribed.
/// </summary>
internal static class AdminApiDocument
{
    private static readonly Parameter Format = new("format", "query", "`csv` for a CSV download instead of JSON.");
    private static readonly Parameter[] Range =
    [
        new("range", "query", "A range ending now (or at `to`): `7d`, `30d`, `90d` or `1y`. Default 30 days."),
        new("from", "query", "Start of the range, ISO 8601 (UTC unless an offset is given)."),
        new("to", "query", "End of the range, ISO 8601. Default now."),
    ];

    private static readonly Parameter Period = new("period", "query", "Bucket size: `hour`, `day`, `week`, `month` or `year`. Default `day`.");
    private static readonly Parameter[] Page =
    [
        new("page", "query", "Page number, from 1."),
        new("pageSize", "query", "Rows per page, 1 to 200. Default 25."),
    ];

    private static readonly Parameter[] MemberFilter =
    [
        new("facet", "query", "Filter by this facet…"),
        new("value", "query", "…having this value."),
        new("null", "query", "`1`: rows without a value of `facet`."),
        new("search", "query", "Text search over the row's text columns."),
        new("key", "query", "Only these keys (repeatable)."),
        new("sort", "query", "Column to sort by."),
        new("desc", "query", "`1`: descending."),
    ];

    private static readonly Route[] Routes =
    [
        new("/stocks", "Every stock with its live count and change against the previous day.", [Format]),
        new("/stocks/{slug}", "One stock's live count and facet breakdowns, or one facet's counts.", [Slug("stock"), new("facet", "query", "A facet slug: that facet's counts and shares."), Format], NotFound: true),
        new("/stocks/{slug}/records", "A stock's recorded counts by bucket, or by facet value, each with `previous`: the range before with as many buckets.", [Slug("stock"), .. Range, Period, new("facet", "query", "A facet slug: one series per value."), Format], NotFound: true),
        new("/stocks/{slug}/members", "The rows in a stock, filtered, sorted and paged.", [Slug("stock"), .. MemberFilter, .. Page, Format], NotFound: true),
        new("/stocks/{slug}/bridge", "A stock's last bridge, as waterfall bars: opening + each inflow − each outflow + moves no flow records + unexplained = closing (for a facet value, also members that changed value and stayed).", [Slug("stock"), new("facet", "query", "A facet slug: the bridge of one of its values…"), new("value", "query", "…this one."), new("null", "query", "`1`: the bridge of the members without a value of `facet`."), Format], NotFound: true),
        new("/flows", "Every flow with its sources, sinks and events today.", [Format]),
        new("/flows/{slug}/rates", "A flow's event counts by bucket, with `previous`: the range before with as many buckets.", [Slug("flow"), .. Range, Period, Format], NotFound: true),
        new("/flows/{slug}/breakdown", "A flow's events over a range by a facet of its stocks (each subject's current value), with `previous`: as many days before.", [Slug("flow"), new("facet", "query", "A facet slug of the flow's stocks.", Required: true), .. Range, Format], NotFound: true),
        new("/flows/{slug}/movers", "Who moved: the rows with an event of the flow in a range that still exist, with `movedAt` (their latest such event), filtered, sorted (default `movedAt`, newest first) and paged like a stock's members.", [Slug("flow"), .. Range, .. MemberFilter, .. Page, Format], NotFound: true),
        new("/flows/{slug}/events", "A flow's most recent events with their subjects.", [Slug("flow"), .. Page, Format], NotFound: true),
        new("/executions", "The audit log of bulk-action executions, newest first.", [.. Page, Format]),
        new("/executions/{id}", "One execution with its live progress.", [new("id", "path", "The execution id.", Required: true)], NotFound: true),
        new("/statistics", "Every statistics domain and metric with how many values are stored.", []),
        new("/statistics/{domain}/{metric}", "A metric's values over a range, with `previous`: the values of as many days before (`previousFrom` to `previousTo`).", [new("domain", "path", "The domain's reference.", Required: true), new("metric", "path", "The metric's reference.", Required: true), new("period", "query", "Statistics period: `day`, `week`, `days28`, `month`, `year`, `lifetime`."), new("objectType", "query", "Only values about this object type."), new("object", "query", "Only values about this object (repeatable)."), .. Range, Format], NotFound: true),
        new("/insights", "Every declared insight with its last collected value.", []),
        new("/insights/runs", "The insight collection runs, newest first.", [.. Page]),
        new("/insights/{slug}", "One insight's collected values, with `previousPoints`: the points of the successful collection before the latest.", [Slug("insight"), Format], NotFound: true),
        new("/types/{entity}/transitions", "An entity type's moves over a range by source and sink (null = outside), with each move's share of the moves out of its source, and `previous`: the moves of the range before.", [new("entity", "path", "The entity type's name, e.g. `Lead`.", Required: true), .. Range, Format], NotFound: true),
        new("/types/{entity}/dwell", "For each stock of an entity type, the median and 90th-percentile days members stayed before leaving, over the leaves in a range, and `previous`: the same over the range before.", [new("entity", "path", "The entity type's name, e.g. `Lead`.", Required: true), .. Range, Format], NotFound: true),
        new("/types/{entity}/ages", "For each stock of an entity type, its current members by how long since their latest entry (under a day, 1–7, 7–30, 30–90, over 90 days), from the flow events.", [new("entity", "path", "The entity type's name, e.g. `Lead`.", Required: true), Format], NotFound: true),
        new("/stocks/{slug}/cohorts", "Of the members entering a stock in each week (or month), the share in each stock at the end of every later one. Default range 90 days.", [Slug("stock"), .. Range, new("period", "query", "`week` (default) or `month`."), Format], NotFound: true),
        new("/processes/{slug}/diagram", "A process's live stock-and-flow diagram: each stock's live count, each flow touching its stocks with its events over a range by stock pair (null = outside).", [Slug("process"), .. Range, Format], NotFound: true),
        new("/types/{entity}/diagram", "An entity type's live stock-and-flow diagram: every stock's live count, every flow's events over a range by stock pair.", [new("entity", "path", "The entity type's name, e.g. `Lead`.", Required: true), .. Range, Format], NotFound: true),
        new("/stocks/{slug}/projection", "A stock projected ahead: the mean net flow per period measured over a range (whole periods), a band of its standard deviation times the root of the time ahead, and what-ifs per flow. Default range 90 days, period week.", [Slug("stock"), .. Range, new("ahead", "query", "Periods to project, 1–104 (default 12)."), new("whatIf", "query", "Repeatable `flow:percent`, e.g. `cooling:-10`."), Format], NotFound: true),
        new("/stocks/{slug}/annotations", "The bulk-action executions and decay runs whose moves left or entered a stock over a range, grouped by bucket: each with when, what, who, the rows it moved out of or into the stock, and the marker's text.", [Slug("stock"), .. Range, Period, Format], NotFound: true),
        new("/flows/{slug}/annotations", "The bulk-action executions and decay runs whose moves went along a flow over a range, grouped by bucket: each with when, what, who, the rows it moved along the flow, and the marker's text.", [Slug("flow"), .. Range, Period, Format], NotFound: true),
        new("/alerts", "Every declared alert: its condition in words, whether it holds now and since when, and its latest incidents.", [Format]),
        new("/openapi.json", "This document.", []),
    ];

    /// <summary>The routes described, relative to <c>{admin}/api</c>, e.g. <c>/stocks/{slug}</c>.</summary>
    public static IEnumerable<string> Paths => Routes.Select(r => r.Path);

    public static JsonObject Build(string apiBase)
    {
        var paths = new JsonObject();
        foreach (var route in Routes)
        {
            var responses = new JsonObject
            {
                ["200"] = new JsonObject { ["description"] = route.Parameters.Contains(Format) ? "JSON, or CSV with `format=csv`." : "JSON." },
                ["400"] = Problem("A parameter is malformed (dates, ranges over 5 000 buckets, page sizes over 200, unknown facets); the problem names it."),
                ["401"] = new JsonObject { ["description"] = "Not signed in." },
                ["403"] = new JsonObject { ["description"] = "Signed in without the admin's policy." },
            };
            if (route.NotFound)
            {
                responses["404"] = Problem("No such slug or id.");
            }

            paths[route.Path] = new JsonObject
            {
                ["get"] = new JsonObject
                {
                    ["summary"] = route.Summary,
                    ["parameters"] = new JsonArray([.. route.Parameters.Select(p => (JsonNode)new JsonObject
                    {
                        ["name"] = p.Name,
                        ["in"] = p.In,
                        ["required"] = p.Required || p.In == "path",
                        ["description"] = p.Description,
                        ["schema"] = new JsonObject { ["type"] = "string" },
                    })]),
                    ["responses"] = responses,
                },
            };
        }

        return new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject { ["title"] = "StockAndFlow admin API", ["version"] = typeof(AdminApiDocument).Assembly.GetName().Version?.ToString(3) },
            ["servers"] = new JsonArray(new JsonObject { ["url"] = apiBase }),
            ["paths"] = paths,
        };
    }

    private static Parameter Slug(string what) => new("slug", "path", $"The {what}'s slug.", Required: true);

    private static JsonObject Problem(string description) => new()
    {
        ["description"] = description,
        ["content"] = new JsonObject { ["application/problem+json"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "object" } } },
    };

    private sealed record Parameter(string Name, string In, string Description, bool Required = false);

    private sealed record Route(string Path, string Summary, Parameter[] Parameters, bool NotFound = false);
}
