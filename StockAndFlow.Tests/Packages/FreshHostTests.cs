using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace StockAndFlow.Tests.Packages;

/// <summary>
/// samples/FreshHost built from the packages and run in Production: assets, counts, capture, jobs and
/// the admin's authorization answer as a team's own app would see them. Its admin lives at /ops/metrics.
/// </summary>
[Collection(FreshHostCollection.Name)]
public sealed partial class FreshHostTests(FreshHostFixture host)
{
    private const string Admin = "/ops/metrics";

    private static readonly string[] Pages = [Admin, $"{Admin}/stocks/classics", $"{Admin}/flows/discovered", $"{Admin}/jobs"];

    private static readonly string[] Api = [$"{Admin}/api/stocks", $"{Admin}/api/stocks/classics", $"{Admin}/api/flows/discovered/events"];

    /// <summary>Every URL for each kind of caller: anonymous, signed in without the role, admin.</summary>
    public static TheoryData<string, string, HttpStatusCode> Access()
    {
        var data = new TheoryData<string, string, HttpStatusCode>();
        foreach (var url in Pages)
        {
            data.Add(url, "anonymous", HttpStatusCode.Redirect);
        }

        foreach (var url in Api)
        {
            data.Add(url, "anonymous", HttpStatusCode.Unauthorized);
        }

        foreach (var url in Pages.Concat(Api))
        {
            data.Add(url, "viewer", HttpStatusCode.Forbidden);
            data.Add(url, "operator", HttpStatusCode.OK);
        }

        return data;
    }

    [Theory]
    [InlineData("build", "/_content/StockAndFlow.Admin/admin.css", "text/css")]
    [InlineData("build", "/_content/StockAndFlow.Admin/charts.js", "text/javascript")]
    [InlineData("build", "/_content/StockAndFlow.Admin/lib/bootstrap@5.3.8/dist/css/bootstrap.min.css", "text/css")]
    [InlineData("publish", "/_content/StockAndFlow.Admin/admin.css", "text/css")]
    [InlineData("publish", "/_content/StockAndFlow.Admin/charts.js", "text/javascript")]
    [InlineData("publish", "/_content/StockAndFlow.Admin/lib/bootstrap@5.3.8/dist/css/bootstrap.min.css", "text/css")]
    public async Task AdminAssetsAreServedInProductionFromBuildAndPublishOutput(string output, string url, string contentType)
    {
        using var client = host.CreateClient(output == "publish" ? host.PublishedAddress : host.BaseAddress);
        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [MemberData(nameof(Access))]
    public async Task AnonymousUsersGoToTheHostsLoginNonAdminsAreForbiddenAdminsAreServed(string url, string caller, HttpStatusCode expected)
    {
        using var client = caller == "anonymous" ? host.CreateClient() : await host.SignInAsync(caller, admin: caller == "operator");
        using var response = await client.GetAsync(url);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Redirect)
        {
            var location = new Uri(host.BaseAddress, response.Headers.Location!);
            Assert.Equal("/login", location.AbsolutePath);
            Assert.Equal($"?ReturnUrl={Uri.EscapeDataString(url)}", location.Query);
        }
    }

    [Fact]
    public async Task AdminPageLoadsItsAssetsFromThePackage()
    {
        using var client = await host.SignInAsync("operator", admin: true);

        var html = await client.GetStringAsync(Admin);

        Assert.Contains("/_content/StockAndFlow.Admin/admin.css", html, StringComparison.Ordinal);
        Assert.Contains("/_content/StockAndFlow.Admin/lib/bootstrap@5.3.8/dist/css/bootstrap.min.css", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StocksAreCountedFromTheHostsRows()
    {
        using var client = await host.SignInAsync("operator", admin: true);

        using var stocks = JsonDocument.Parse(await client.GetStringAsync($"{Admin}/api/stocks"));
        using var classics = JsonDocument.Parse(await client.GetStringAsync($"{Admin}/api/stocks/classics?facet=genre"));

        var counts = stocks.RootElement.EnumerateArray().ToDictionary(s => s.GetProperty("slug").GetString()!, s => s.GetProperty("count").GetInt64());
        Assert.Equal(6, counts["classics"]);
        // A vote (see the capture test) may have moved Primer from obscure to acclaimed: 3 + 4 either way.
        Assert.Equal(7, counts["acclaimed"] + counts["obscure"]);
        var genres = classics.RootElement.GetProperty("values").EnumerateArray()
            .ToDictionary(v => v.GetProperty("value").GetString() ?? "(none)", v => v.GetProperty("count").GetInt64());
        Assert.Equal(new Dictionary<string, long> { ["drama"] = 1, ["science fiction"] = 2, ["action"] = 1, ["horror"] = 1, ["(none)"] = 1 }, genres);
    }

    [Fact]
    public async Task AVoteThatMovesAFilmIsCapturedAsAFlowEvent()
    {
        using var user = await host.SignInAsync("viewer", admin: false);
        using var admin = await host.SignInAsync("operator", admin: true);

        using var vote = await user.PostAsync("/films/7/votes", content: null);
        using var events = JsonDocument.Parse(await admin.GetStringAsync($"{Admin}/api/flows/discovered/events"));

        Assert.Equal(HttpStatusCode.OK, vote.StatusCode);
        Assert.Equal(1, events.RootElement.GetProperty("total").GetInt64());
        var captured = Assert.Single(events.RootElement.GetProperty("events").EnumerateArray());
        Assert.Equal("Film", captured.GetProperty("subjectType").GetString());
        Assert.Equal("7", captured.GetProperty("subjectKey").GetString());
        Assert.Equal("obscure", captured.GetProperty("source").GetString());
        Assert.Equal("acclaimed", captured.GetProperty("sink").GetString());
    }

    [Fact]
    public async Task RecurringJobsAreRegisteredAndTheSnapshotRunsOnTheHostsHangfire()
    {
        using var admin = await host.SignInAsync("operator", admin: true);
        var jobs = await admin.GetStringAsync($"{Admin}/jobs");
        Assert.Contains("stockandflow:snapshot-stocks", jobs, StringComparison.Ordinal);
        Assert.Contains("stockandflow:flow-records", jobs, StringComparison.Ordinal);

        // "Run now", as an operator would: the page's own form with its antiforgery token.
        var (action, fields) = Form(jobs, "snapshot-stocks");
        using var trigger = await admin.PostAsync(action, new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, trigger.StatusCode);

        // The job's effect: today's record of the classics stock holds the count.
        long? recorded = null;
        for (var attempt = 0; attempt < 60 && recorded is null; attempt++)
        {
            using var records = JsonDocument.Parse(await admin.GetStringAsync($"{Admin}/api/stocks/classics/records?range=7d&period=day"));
            recorded = records.RootElement.GetProperty("points").EnumerateArray().Last().GetProperty("value") is { ValueKind: JsonValueKind.Number } value ? value.GetInt64() : null;
            if (recorded is null)
            {
                await Task.Delay(500);
            }
        }

        Assert.True(recorded == 6, $"No snapshot of 6 classics was recorded within 30 s (last: {recorded?.ToString() ?? "none"}). Host output:\n{host.HostOutput}");
    }

    // The form whose action mentions the job, and its fields (the antiforgery token among them).
    private static (string Action, Dictionary<string, string> Fields) Form(string html, string job)
    {
        foreach (Match form in FormElement().Matches(html))
        {
            var action = WebUtility.HtmlDecode(form.Groups["action"].Value);
            if (!Uri.UnescapeDataString(action).Contains(job, StringComparison.Ordinal))
            {
                continue;
            }

            var fields = new Dictionary<string, string>();
            foreach (Match input in InputElement().Matches(form.Groups["body"].Value))
            {
                if (NameAttribute().Match(input.Value) is { Success: true } name)
                {
                    fields[WebUtility.HtmlDecode(name.Groups[1].Value)] = WebUtility.HtmlDecode(ValueAttribute().Match(input.Value).Groups[1].Value);
                }
            }

            return (action, fields);
        }

        throw new InvalidOperationException($"The jobs page has no form for {job}.");
    }

    [GeneratedRegex("""<form[^>]*action="(?<action>[^"]*)"[^>]*>(?<body>.*?)</form>""", RegexOptions.Singleline)]
    private static partial Regex FormElement();

    [GeneratedRegex("<input[^>]*>")]
    private static partial Regex InputElement();

    [GeneratedRegex(@"\bname=""([^""]*)""")]
    private static partial Regex NameAttribute();

    [GeneratedRegex(@"\bvalue=""([^""]*)""")]
    private static partial Regex ValueAttribute();
}
