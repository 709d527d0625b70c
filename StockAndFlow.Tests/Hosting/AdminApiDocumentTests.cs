using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace StockAndFlow.Tests.Hosting;

/// <summary>The admin's OpenAPI document describes every route of its JSON API, behind the admin's policy.</summary>
[Collection(StockAndFlow.Tests.Support.HangfireHostsCollection.Name)]
public sealed class AdminApiDocumentTests
{
    [Fact]
    public async Task TheDocumentListsEveryApiRouteWithItsParametersAndErrors()
    {
        await using var host = await MinimalHost.StartAsync(new MinimalHost.Pieces());
        using var client = await host.ClientAsync("StockAndFlowAdmin");
        var apiPrefix = MinimalHost.AdminPath.TrimStart('/') + "/api";
        var mapped = host.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText!.TrimStart('/'))
            .Where(p => p.StartsWith(apiPrefix + "/", StringComparison.Ordinal))
            .Select(p => p[apiPrefix.Length..].Replace(":long", "", StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);

        using var response = await client.GetAsync(MinimalHost.AdminPath + "/api/openapi.json");
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = document.RootElement.GetProperty("paths");
        var described = paths.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(mapped.Count >= 15, $"Only {mapped.Count} API routes were found.");
        Assert.Equal(mapped.Order(StringComparer.Ordinal), described.Order(StringComparer.Ordinal));
        foreach (var path in paths.EnumerateObject())
        {
            var get = path.Value.GetProperty("get");
            Assert.True(get.GetProperty("responses").TryGetProperty("401", out _), $"{path.Name} does not document 401.");
            var parameters = get.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
            foreach (var segment in path.Name.Split('/').Where(s => s.StartsWith('{')))
            {
                Assert.Contains(segment.Trim('{', '}'), parameters);
            }
        }

        Assert.Equal("http://localhost" + MinimalHost.AdminPath + "/api", "http://localhost" + document.RootElement.GetProperty("servers")[0].GetProperty("url").GetString());
    }

    [Fact]
    public async Task TheDocumentIsBehindTheAdminsPolicy()
    {
        await using var host = await MinimalHost.StartAsync(new MinimalHost.Pieces());
        using var anonymous = await host.ClientAsync(signIn: false);
        using var user = await host.ClientAsync("support");

        using var anonymousResponse = await anonymous.GetAsync(MinimalHost.AdminPath + "/api/openapi.json");
        using var userResponse = await user.GetAsync(MinimalHost.AdminPath + "/api/openapi.json");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymousResponse.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, userResponse.StatusCode);
    }
}
