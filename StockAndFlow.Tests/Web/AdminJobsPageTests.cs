using StockAndFlow.Storage;
using System.Net;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using StockAndFlow.Decay;
using StockAndFlow.Definitions;
using StockAndFlow.Hosting;
using StockAndFlow.Hangfire;
using StockAndFlow.Jobs;
using StockAndFlow.Web.Jobs;

namespace StockAndFlow.Tests.Web;

[Collection(AdminAppCollection.Name)]
public sealed class AdminJobsPageTests(AdminAppFactory factory)
{
    [Fact]
    public async Task JobsPageListsTheRecurringJobsAndTheDecayRulesWithTheirPreview()
    {
        using var client = await factory.CreateAdminClientAsync();

        using var response = await client.GetAsync("/stockflow-admin/jobs");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("href=\"/hangfire\"", html);
        Assert.Contains($"data-job=\"{JobIds.Snapshot}\"", html);
        Assert.Contains($"data-job=\"{JobIds.FlowRecords}\"", html);
        Assert.Contains($"action=\"/stockflow-admin/jobs/trigger/{Uri.EscapeDataString(JobIds.Snapshot)}\"", html);
        var model = factory.Services.GetRequiredService<StockAndFlowModel>();
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IStockAndFlowContextFactory>().GetContext(scope.ServiceProvider);
        foreach (var rule in model.DecayRules)
        {
            var row = html[html.IndexOf($"data-rule=\"{rule.Slug}\"", StringComparison.Ordinal)..];
            var preview = await factory.Services.GetRequiredService<DecayRunner>().PreviewAsync(db, rule);
            Assert.Equal(preview, AdminHtml.Number(AdminHtml.Marked(row, "preview")));
            Assert.Contains($"action=\"/stockflow-admin/jobs/decay/{rule.Slug}/pause\"", row);
        }
    }

    [Fact]
    public async Task PausingAndResumingADecayRuleIsStored()
    {
        var rule = factory.Services.GetRequiredService<StockAndFlowModel>().DecayRules[0];
        using var client = await factory.CreateAdminClientAsync();
        var page = await client.GetStringAsync("/stockflow-admin/jobs");

        using var paused = await PostAsync(client, $"/stockflow-admin/jobs/decay/{rule.Slug}/pause", AdminAppFactory.AntiforgeryToken(page));
        var pausedState = await IsPausedAsync(rule);
        var afterPause = await client.GetStringAsync("/stockflow-admin/jobs");
        using var resumed = await PostAsync(client, $"/stockflow-admin/jobs/decay/{rule.Slug}/resume", AdminAppFactory.AntiforgeryToken(afterPause));

        Assert.Equal(HttpStatusCode.Redirect, paused.StatusCode);
        Assert.Equal("/stockflow-admin/jobs", AdminHtml.Target(paused));
        Assert.True(pausedState);
        Assert.Equal("Paused", AdminHtml.Marked(afterPause[afterPause.IndexOf($"data-rule=\"{rule.Slug}\"", StringComparison.Ordinal)..], "rule-state"));
        Assert.Contains("data-stockandflow-admin=\"message\"", afterPause);
        Assert.Equal(HttpStatusCode.Redirect, resumed.StatusCode);
        Assert.False(await IsPausedAsync(rule));
    }

    [Fact]
    public async Task RunNowTriggersTheRecurringJob()
    {
        using var client = await factory.CreateAdminClientAsync();
        var page = await client.GetStringAsync("/stockflow-admin/jobs");

        using var response = await PostAsync(client, $"/stockflow-admin/jobs/trigger/{Uri.EscapeDataString(JobIds.FlowRecords)}", AdminAppFactory.AntiforgeryToken(page));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        using var connection = factory.Services.GetRequiredService<JobStorage>().GetConnection();
        Assert.NotNull(connection.GetRecurringJobs().Single(j => j.Id == JobIds.FlowRecords).LastJobId);
    }

    [Theory]
    [InlineData("/stockflow-admin/jobs/decay/no-such-rule/pause", HttpStatusCode.NotFound)]
    [InlineData("/stockflow-admin/jobs/decay/hot-to-warm/explode", HttpStatusCode.BadRequest)]
    [InlineData("/stockflow-admin/jobs/trigger/no-such-job", HttpStatusCode.NotFound)]
    public async Task BadJobCommandsAreAnswers(string url, HttpStatusCode expected)
    {
        using var client = await factory.CreateAdminClientAsync();
        var page = await client.GetStringAsync("/stockflow-admin/jobs");

        using var response = await PostAsync(client, url, AdminAppFactory.AntiforgeryToken(page));

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task APostWithoutTheAntiforgeryTokenDoesNotPause()
    {
        var rule = factory.Services.GetRequiredService<StockAndFlowModel>().DecayRules[0];
        using var client = await factory.CreateAdminClientAsync();

        using var response = await PostAsync(client, $"/stockflow-admin/jobs/decay/{rule.Slug}/pause", token: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await IsPausedAsync(rule));
    }

    private async Task<bool> IsPausedAsync(DecayRule rule)
    {
        await using var scope = factory.Services.CreateStockAndFlowScope();
        return await scope.Services.GetRequiredService<DecayRunner>().IsPausedAsync(scope.Db, rule);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string? token)
    {
        using var form = new FormUrlEncodedContent(token is null ? [] : [new("__RequestVerificationToken", token)]);
        return await client.PostAsync(url, form);
    }
}
