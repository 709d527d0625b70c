using System.Net;
using System.Text.Json;

namespace StockAndFlow.Tests.Web;

/// <summary>The demo's alerts, evaluated at start-up over its year of history, in the admin and its API.</summary>
[Collection(AdminAppCollection.Name)]
public sealed class AdminAlertsTests(AdminAppFactory factory)
{
    [Fact]
    public async Task TheAlertsPageListsEveryAlert_HoldingOnesFirst_AndTheNavigationCountsThem()
    {
        using var client = await factory.CreateAdminClientAsync();

        var page = await client.GetStringAsync("/stockflow-admin/alerts");
        using var json = JsonDocument.Parse(await client.GetStringAsync("/stockflow-admin/api/alerts"));

        var alerts = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(5, alerts.Count);
        var cold = alerts.Single(a => a.GetProperty("slug").GetString() == "cold-leads-piling-up");
        Assert.True(cold.GetProperty("firing").GetBoolean(), $"The demo's cold leads (about 125) are above 100: {cold}");
        Assert.Contains("Cold leads: ", cold.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(alerts.Single(a => a.GetProperty("slug").GetString() == "few-hot-leads").GetProperty("firing").GetBoolean());
        var firing = alerts.Count(a => a.GetProperty("firing").GetBoolean());
        Assert.Contains($"data-stockandflow-admin=\"alerts-badge\" title=\"{firing} alert(s) hold now\">{firing}</span>", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        Assert.Contains("data-alert=\"cold-leads-piling-up\" data-firing=\"true\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("@if", page, StringComparison.Ordinal);
        Assert.True(page.IndexOf("data-firing=\"true\"", StringComparison.Ordinal) < page.IndexOf("data-firing=\"false\"", StringComparison.Ordinal));
    }
}
