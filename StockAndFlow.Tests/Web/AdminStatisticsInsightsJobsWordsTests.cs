using System.Text.RegularExpressions;
using StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Jobs;
using StockAndFlow.Jobs;

namespace StockAndFlow.Tests.Web;

/// <summary>Statistics, insights and jobs as an operator reads them: the range used, rounded values with their unit, kinds and schedules in words.</summary>
[Collection(AdminAppCollection.Name)]
public sealed partial class AdminStatisticsInsightsJobsWordsTests(AdminAppFactory factory)
{
    [Fact]
    public async Task AMonthlyMetricShowsAYearAndThePickerSaysSo()
    {
        using var client = await factory.CreateAdminClientAsync();

        var html = await client.GetStringAsync("/stockflow-admin/statistics/shop/revenue?period=month");

        Assert.Equal("1y", Selected().Match(html[html.IndexOf("id=\"range\"", StringComparison.Ordinal)..]).Groups[1].Value);
        Assert.True(ValueCell().Matches(html).Count > 1, "A year of a monthly metric has more than one value.");
    }

    [Fact]
    public async Task ThePickerShowsTheRangeAskedFor()
    {
        using var client = await factory.CreateAdminClientAsync();

        var html = await client.GetStringAsync("/stockflow-admin/statistics/shop/orders?period=day&range=90d");

        Assert.Equal("90d", Selected().Match(html[html.IndexOf("id=\"range\"", StringComparison.Ordinal)..]).Groups[1].Value);
    }

    [Fact]
    public async Task RevenueIsRoundedAndInEuros()
    {
        using var client = await factory.CreateAdminClientAsync();

        var html = await client.GetStringAsync("/stockflow-admin/statistics/shop/average-order?period=month");

        var values = ValueCell().Matches(html).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        Assert.NotEmpty(values);
        Assert.All(values, v => Assert.Matches("^€[0-9,]+\\.[0-9]{2}$", v));
        Assert.Contains("data-stockandflow-admin-y-label=\"Average order (EUR)\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheStatisticsListCountsDataPointsNotValues()
    {
        using var client = await factory.CreateAdminClientAsync();

        var html = await client.GetStringAsync("/stockflow-admin/statistics");

        Assert.DoesNotContain(">Values<", html, StringComparison.Ordinal);
        Assert.Contains(">Data points<", html, StringComparison.Ordinal);
        Assert.DoesNotContain("StatisticsStore.RecordAsync", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InsightCardsNameTheirKindInWordsAndPreviewTheirChart()
    {
        using var client = await factory.CreateAdminClientAsync();

        var html = await client.GetStringAsync("/stockflow-admin/insights");

        var kinds = Kind().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Contains("Ranked", kinds);
        Assert.Contains("Over time", kinds);
        Assert.DoesNotContain(">HorizontalBar<", html, StringComparison.Ordinal);
        Assert.Contains("data-stockandflow-admin=\"preview\"><canvas data-stockandflow-admin-kind=\"HorizontalBar\"", html, StringComparison.Ordinal);
        Assert.Contains("insights.js", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0 2 * * *", "every day at 02:00")]
    [InlineData("*/5 * * * *", "every 5 minutes")]
    [InlineData("0 * * * *", "every hour, on the hour")]
    [InlineData("15 */6 * * *", "every 6 hours at 15 minutes past")]
    [InlineData("30 7 * * 1", "every Monday at 07:30")]
    [InlineData("0 3 1 * *", "on the first of each month at 03:00")]
    [InlineData("0 0 1 1 *", null)]
    public void CronSchedulesReadAsWords(string cron, string? expected) => Assert.Equal(expected, CronWords.Describe(cron));

    [Fact]
    public async Task JobsPageSaysWhatEachJobDoesAndWhenInWords()
    {
        using var client = await factory.CreateAdminClientAsync();

        var html = await client.GetStringAsync("/stockflow-admin/jobs");

        var row = html[html.IndexOf($"data-job=\"{JobIds.Snapshot}\"", StringComparison.Ordinal)..];
        Assert.Contains("Count every stock", row[..row.IndexOf("</tr>", StringComparison.Ordinal)], StringComparison.Ordinal);
        Assert.Matches("^every ", AdminHtml.Marked(row, "schedule"));
    }

    [Fact]
    public async Task AJobThatRanBeforeTheSchedulerKnewItShowsWhenItsResultsWereWritten()
    {
        using var client = await factory.CreateAdminClientAsync();

        var html = await client.GetStringAsync("/stockflow-admin/jobs");

        var row = html[html.IndexOf($"data-job=\"{JobIds.Snapshot}\"", StringComparison.Ordinal)..];
        var cell = row[row.IndexOf("data-stockandflow-admin=\"last-run\"", StringComparison.Ordinal)..row.IndexOf("</td>", row.IndexOf("data-stockandflow-admin=\"last-run\"", StringComparison.Ordinal), StringComparison.Ordinal)];
        Assert.Matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}", cell);
        Assert.DoesNotContain(">—<", cell, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryAdminPageLinksAnIconThatIsServed()
    {
        using var client = await factory.CreateAdminClientAsync();
        var html = await client.GetStringAsync("/stockflow-admin");

        var icon = Icon().Match(html);
        Assert.True(icon.Success, "No <link rel=\"icon\">.");
        using var response = await client.GetAsync(System.Net.WebUtility.HtmlDecode(icon.Groups[1].Value));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
    }

    [GeneratedRegex("<option value=\"([^\"]*)\" selected=\"selected\"")]
    private static partial Regex Selected();

    [GeneratedRegex("data-stockandflow-admin=\"value\">([^<]*)<")]
    private static partial Regex ValueCell();

    [GeneratedRegex("data-stockandflow-admin=\"kind\"[^>]*>([^<]*)<")]
    private static partial Regex Kind();

    [GeneratedRegex("<link rel=\"icon\" type=\"image/png\" href=\"([^\"]*)\"")]
    private static partial Regex Icon();
}
