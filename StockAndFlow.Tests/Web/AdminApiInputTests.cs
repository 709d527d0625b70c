using System.Net;
using System.Text.Json;

namespace StockAndFlow.Tests.Web;

/// <summary>Bad input to every route parameter and query string answers 404 or 400 ProblemDetails, never 500.</summary>
[Collection(AdminAppCollection.Name)]
public sealed class AdminApiInputTests(AdminAppFactory factory)
{
    public static TheoryData<string, HttpStatusCode, string?> Requests => new()
    {
        { "/stockflow-admin/api/stocks/no-such-stock", HttpStatusCode.NotFound, null },
        { "/stockflow-admin/api/stocks/no-such-stock/records", HttpStatusCode.NotFound, null },
        { "/stockflow-admin/api/stocks/no-such-stock/members", HttpStatusCode.NotFound, null },
        { "/stockflow-admin/api/flows/no-such-flow/rates", HttpStatusCode.NotFound, null },
        { "/stockflow-admin/api/flows/no-such-flow/events", HttpStatusCode.NotFound, null },
        { "/stockflow-admin/api/flows/no-such-flow/breakdown?facet=source", HttpStatusCode.NotFound, null },
        { "/stockflow-admin/api/insights/no-such-insight", HttpStatusCode.NotFound, null },
        { "/stockflow-admin/api/statistics/nope/nothing", HttpStatusCode.NotFound, null },
        { "/stockflow-admin/api/executions/999999", HttpStatusCode.NotFound, null },
        { "/stockflow-admin/api/stocks/no-such-stock/annotations", HttpStatusCode.NotFound, null },
        { "/stockflow-admin/api/flows/no-such-flow/annotations", HttpStatusCode.NotFound, null },
        { "/stockflow-admin/api/stocks/hot-leads/annotations?range=3w", HttpStatusCode.BadRequest, "range" },
        { "/stockflow-admin/api/flows/cooling/annotations?period=fortnight", HttpStatusCode.BadRequest, "period" },
        { "/stockflow-admin/api/stocks/hot-leads/records?from=yesterday", HttpStatusCode.BadRequest, "from" },
        { "/stockflow-admin/api/stocks/hot-leads/records?to=2026-13-45", HttpStatusCode.BadRequest, "to" },
        { "/stockflow-admin/api/stocks/hot-leads/records?from=2026-06-01&to=2026-01-01", HttpStatusCode.BadRequest, "from" },
        { "/stockflow-admin/api/stocks/hot-leads/records?period=fortnight", HttpStatusCode.BadRequest, "period" },
        { "/stockflow-admin/api/stocks/hot-leads/records?period=2", HttpStatusCode.BadRequest, "period" },
        { "/stockflow-admin/api/stocks/hot-leads/records?range=3w", HttpStatusCode.BadRequest, "range" },
        { "/stockflow-admin/api/stocks/hot-leads/records?from=1990-01-01&period=hour", HttpStatusCode.BadRequest, "period" },
        { "/stockflow-admin/api/stocks/hot-leads/records?facet=shoe-size", HttpStatusCode.BadRequest, "facet" },
        { "/stockflow-admin/api/stocks/hot-leads/members?pageSize=100000", HttpStatusCode.BadRequest, "pageSize" },
        { "/stockflow-admin/api/stocks/hot-leads/members?pageSize=0", HttpStatusCode.BadRequest, "pageSize" },
        { "/stockflow-admin/api/stocks/hot-leads/members?page=-1", HttpStatusCode.BadRequest, "page" },
        { "/stockflow-admin/api/stocks/hot-leads/members?page=abc", HttpStatusCode.BadRequest, "page" },
        { "/stockflow-admin/api/stocks/hot-leads/members?facet=shoe-size&value=42", HttpStatusCode.BadRequest, "query" },
        { "/stockflow-admin/api/stocks/hot-leads/members?facet=source", HttpStatusCode.BadRequest, "value" },
        { "/stockflow-admin/api/stocks/hot-leads/members?value=web", HttpStatusCode.BadRequest, "facet" },
        { "/stockflow-admin/api/stocks/hot-leads/members?sort=password", HttpStatusCode.BadRequest, "query" },
        { "/stockflow-admin/api/stocks/hot-leads/members?key=not-a-number", HttpStatusCode.BadRequest, "query" },
        { "/stockflow-admin/api/flows/cooling/rates?from=2026-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", HttpStatusCode.BadRequest, "from" },
        { "/stockflow-admin/api/flows/cooling/breakdown?facet=shoe-size", HttpStatusCode.BadRequest, "facet" },
        { "/stockflow-admin/api/flows/cooling/events?pageSize=999", HttpStatusCode.BadRequest, "pageSize" },
        { "/stockflow-admin/api/insights/runs?page=0", HttpStatusCode.BadRequest, "page" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task BadInputIsAnsweredWithProblemDetails(string url, HttpStatusCode expected, string? parameter)
    {
        using var client = await factory.CreateAdminClientAsync();
        using var response = await client.GetAsync(url);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (parameter is not null)
        {
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(parameter, problem.RootElement.GetProperty("parameter").GetString());
        }
    }

    [Fact]
    public async Task RecordsAndRatesAnswerWithTheTimeZoneAndDownloadAsCsv()
    {
        using var client = await factory.CreateAdminClientAsync();

        using var json = JsonDocument.Parse(await client.GetStringAsync("/stockflow-admin/api/stocks/hot-leads/records?range=90d&period=week"));
        using var csv = await client.GetAsync("/stockflow-admin/api/flows/cooling/rates?range=30d&format=csv");

        Assert.Equal("UTC", json.RootElement.GetProperty("timeZone").GetString());
        Assert.InRange(json.RootElement.GetProperty("points").GetArrayLength(), 13, 15);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("bucketStart,events", lines[0]);
        Assert.InRange(lines.Length, 31, 32);
    }
}
