using System.Net;

namespace StockAndFlow.Tests.Web;

/// <summary>Every admin URL and the Hangfire dashboard, for anonymous users, signed-in non-admins and admins.</summary>
[Collection(AdminAppCollection.Name)]
public sealed class AuthorizationTests(AdminAppFactory factory)
{
    public static TheoryData<string> Pages =>
    [
        "/stockflow-admin",
        "/stockflow-admin/stocks/hot-leads",
        "/stockflow-admin/stocks/hot-leads/members",
        "/stockflow-admin/flows/cooling",
        "/stockflow-admin/flows/cooling/movers?range=7d",
        "/stockflow-admin/flows/cooling/movers/actions/mark-contacted?range=7d&all=1",
        "/stockflow-admin/processes/pipeline",
        "/stockflow-admin/jobs",
        "/stockflow-admin/executions",
        "/stockflow-admin/statistics",
        "/stockflow-admin/statistics/shop/orders",
        "/stockflow-admin/statistics/shop/revenue?period=month&objectType=Customer",
        "/stockflow-admin/insights",
        "/stockflow-admin/insights/runs",
        "/stockflow-admin/insights/orders-per-month",
        "/stockflow-admin/insights/customer-count",
        "/stockflow-admin/types/Lead/movements",
        "/stockflow-admin/alerts",
        "/stockflow-admin/stocks/hot-leads/projection",
        "/hangfire",
    ];

    public static TheoryData<string> Api =>
    [
        "/stockflow-admin/api/stocks",
        "/stockflow-admin/api/stocks/hot-leads",
        "/stockflow-admin/api/stocks/hot-leads/records?range=30d",
        "/stockflow-admin/api/stocks/hot-leads/members",
        "/stockflow-admin/api/flows",
        "/stockflow-admin/api/flows/cooling/rates",
        "/stockflow-admin/api/flows/cooling/events",
        "/stockflow-admin/api/flows/cooling/movers?range=7d&format=csv",
        "/stockflow-admin/api/statistics",
        "/stockflow-admin/api/insights",
        "/stockflow-admin/api/insights/runs",
        "/stockflow-admin/api/types/Lead/transitions",
        "/stockflow-admin/api/alerts",
        "/stockflow-admin/api/processes/pipeline/diagram",
        "/stockflow-admin/api/stocks/hot-leads/projection",
        "/stockflow-admin/api/types/Lead/dwell",
        "/stockflow-admin/api/stocks/hot-leads/cohorts",
        "/stockflow-admin/api/stocks/hot-leads/annotations?range=30d",
        "/stockflow-admin/api/flows/cooling/annotations",
        "/stockflow-admin/api/insights/leads-by-source",
        "/stockflow-admin/api/statistics/shop/orders?period=lifetime",
        "/stockflow-admin/api/statistics/shop/revenue?period=month&objectType=Customer&format=csv",
    ];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task AnonymousUserIsSentToLogin(string url)
    {
        using var client = factory.CreateBrowserClient();
        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/account/login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Api))]
    public async Task AnonymousApiCallIsUnauthorized(string url)
    {
        using var client = factory.CreateBrowserClient();
        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    [MemberData(nameof(Api))]
    public async Task SignedInUserWithoutTheRoleIsForbidden(string url)
    {
        using var client = await factory.CreateUserClientAsync();
        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    [MemberData(nameof(Api))]
    public async Task AdminIsServed(string url)
    {
        using var client = await factory.CreateAdminClientAsync();
        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ResponsesCarrySecurityHeaders()
    {
        using var client = await factory.CreateAdminClientAsync();
        using var response = await client.GetAsync("/stockflow-admin");

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }
}
