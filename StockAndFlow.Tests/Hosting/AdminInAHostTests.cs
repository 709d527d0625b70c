using System.Net;
using System.Text.RegularExpressions;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using StockAndFlow.Jobs;

namespace StockAndFlow.Tests.Hosting;

/// <summary>
/// The admin in a host that is not the demo: the host's authentication answers for the admin's
/// endpoints only, its own POSTs are checked for antiforgery tokens whatever the host's filters, its
/// assets load in Production, and without a scheduler it says so instead of failing.
/// </summary>
[Collection(StockAndFlow.Tests.Support.HangfireHostsCollection.Name)]
public sealed partial class AdminInAHostTests
{
    [Fact]
    public async Task AnonymousPageIsSentToTheHostsLoginAndAnonymousApiGets401()
    {
        await using var host = await MinimalHost.StartAsync(new MinimalHost.Pieces());
        using var client = await host.ClientAsync(signIn: false);

        using var page = await client.GetAsync(MinimalHost.AdminPath + "/stocks/open-tickets");
        using var api = await client.GetAsync(MinimalHost.AdminPath + "/api/stocks");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/login", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task SignedInWithoutThePolicyIsForbiddenOnTheAdminOnly()
    {
        await using var host = await MinimalHost.StartAsync(new MinimalHost.Pieces());
        using var client = await host.ClientAsync(role: "support");

        using var page = await client.GetAsync(MinimalHost.AdminPath);
        using var api = await client.GetAsync(MinimalHost.AdminPath + "/api/stocks");
        using var hostsOwnPage = await client.GetAsync("/mine");

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        // The host's own access-denied behaviour is untouched: its cookie still redirects.
        Assert.Equal(HttpStatusCode.Redirect, hostsOwnPage.StatusCode);
        Assert.StartsWith("/denied", hostsOwnPage.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminPostsWithoutAnAntiforgeryTokenAreRejectedWithoutAHostFilter()
    {
        await using var host = await MinimalHost.StartAsync(new MinimalHost.Pieces(GlobalAntiforgery: false));
        using var client = await host.ClientAsync("StockAndFlowAdmin");

        using var response = await client.PostAsync($"{MinimalHost.AdminPath}/jobs/trigger/{Uri.EscapeDataString(JobIds.Snapshot)}", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task AssetsLoadInProductionFromTheLibrary()
    {
        await using var host = await MinimalHost.StartAsync(new MinimalHost.Pieces());
        using var client = await host.ClientAsync("StockAndFlowAdmin");
        var html = await client.GetStringAsync(MinimalHost.AdminPath);
        var assets = AssetReference().Matches(html).Select(m => m.Groups[1].Value).Distinct().ToList();

        Assert.Contains(assets, a => a.EndsWith("bootstrap.min.css", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.EndsWith("chart.umd.min.js", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.EndsWith("favicon.png", StringComparison.Ordinal));
        foreach (var asset in assets)
        {
            using var anonymous = await host.ClientAsync(signIn: false);
            using var response = await anonymous.GetAsync(asset);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset} answered {(int)response.StatusCode}.");
            var expected = asset.EndsWith(".css", StringComparison.Ordinal) ? "text/css" : asset.EndsWith(".png", StringComparison.Ordinal) ? "image/png" : "text/javascript";
            Assert.Equal(expected, response.Content.Headers.ContentType!.MediaType);
            Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 100, $"{asset} is empty.");
        }
    }

    [Fact]
    public async Task WithoutASchedulerTheJobsPageSaysJobsAreNotConfigured()
    {
        await using var host = await MinimalHost.StartAsync(new MinimalHost.Pieces(Hangfire: false, HangfireJobs: false));
        using var client = await host.ClientAsync("StockAndFlowAdmin");

        using var response = await client.GetAsync(MinimalHost.AdminPath + "/jobs");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-stockandflow-admin=\"jobs-not-configured\"", html, StringComparison.Ordinal);
        Assert.Contains("Jobs are not configured", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Hangfire dashboard", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithHangfireJobsTheRecurringJobsAreRegisteredAtStartup()
    {
        await using var host = await MinimalHost.StartAsync(new MinimalHost.Pieces());

        using var connection = host.App.Services.GetRequiredService<JobStorage>().GetConnection();
        var ids = connection.GetRecurringJobs().Select(j => j.Id).ToList();

        Assert.Contains(JobIds.Snapshot, ids);
        Assert.Contains(JobIds.FlowRecords, ids);
    }

    [GeneratedRegex("""(?:src|href)="(/_content/StockAndFlow\.Admin/[^"?]+)""")]
    private static partial Regex AssetReference();
}
