using System.Net;
using System.Text.Json;

namespace StockAndFlow.Tests.Web;

/// <summary>The stock bridge where an operator reads it: the API, the index flag, the stock page and /healthz.</summary>
[Collection(AdminAppCollection.Name)]
public sealed class AdminBridgeTests(AdminAppFactory factory)
{
    [Fact]
    public async Task WritesBehindCaptureShowAsUnexplainedInTheApiTheIndexAndHealth()
    {
        using var client = await factory.CreateAdminClientAsync();
        var scenario = new BridgeScenario(factory.Services);
        var recounts = await scenario.RunAsync();
        try
        {
            Assert.Equal(BridgeScenario.Bypassed, recounts.Single(r => r.Stock == "hot-leads").Unexplained);
            Assert.Equal(-BridgeScenario.Bypassed, recounts.Single(r => r.Stock == "warm-leads").Unexplained);
            Assert.Equal(0, recounts.Single(r => r.Stock == "cold-leads").Unexplained);

            using var bridge = JsonDocument.Parse(await client.GetStringAsync("/stockflow-admin/api/stocks/hot-leads/bridge"));
            var bars = bridge.RootElement.GetProperty("bars").EnumerateArray().ToList();
            Assert.Equal("opening", bars[0].GetProperty("term").GetString());
            Assert.Equal("closing", bars[^1].GetProperty("term").GetString());
            Assert.Equal(BridgeScenario.Bypassed, bars.Single(b => b.GetProperty("term").GetString() == "unexplained").GetProperty("amount").GetInt64());
            Assert.Equal(1, bars.Single(b => b.GetProperty("flow").GetString() == "cooling").GetProperty("amount").GetInt64() * -1);
            Assert.Equal(bars[^1].GetProperty("end").GetInt64(), bars[^2].GetProperty("end").GetInt64());

            var csv = await client.GetStringAsync("/stockflow-admin/api/stocks/hot-leads/bridge?format=csv");
            Assert.StartsWith("term,flow,label,amount,start,end\r\nopening,", csv, StringComparison.Ordinal);
            Assert.Contains($"unexplained,,Unexplained,{BridgeScenario.Bypassed},", csv, StringComparison.Ordinal);

            using var bySource = JsonDocument.Parse(await client.GetStringAsync("/stockflow-admin/api/stocks/hot-leads/bridge?facet=source&value=web"));
            Assert.Equal("web", bySource.RootElement.GetProperty("value").GetString());
            Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/stockflow-admin/api/stocks/hot-leads/bridge?facet=nope")).StatusCode);

            var index = await client.GetStringAsync("/stockflow-admin/");
            var hotRow = index[index.IndexOf("data-stock=\"hot-leads\"", StringComparison.Ordinal)..];
            Assert.Contains("data-stockandflow-admin=\"unexplained\"", hotRow[..hotRow.IndexOf("</tr>", StringComparison.Ordinal)], StringComparison.Ordinal);
            var coldRow = index[index.IndexOf("data-stock=\"cold-leads\"", StringComparison.Ordinal)..];
            Assert.DoesNotContain("data-stockandflow-admin=\"unexplained\"", coldRow[..coldRow.IndexOf("</tr>", StringComparison.Ordinal)], StringComparison.Ordinal);

            var page = await client.GetStringAsync("/stockflow-admin/stocks/hot-leads");
            Assert.Contains("data-bridge-url=\"/stockflow-admin/api/stocks/hot-leads/bridge\"", page, StringComparison.Ordinal);
            Assert.Contains("data-stockandflow-admin=\"bridge-unexplained\"", page, StringComparison.Ordinal);

            using var anonymous = factory.CreateClient();
            var health = await anonymous.GetAsync("/healthz");
            Assert.Equal("Degraded", await health.Content.ReadAsStringAsync());
        }
        finally
        {
            await scenario.UndoAsync();
        }

        using var healthy = factory.CreateClient();
        Assert.Equal("Healthy", await (await healthy.GetAsync("/healthz")).Content.ReadAsStringAsync());
    }
}
