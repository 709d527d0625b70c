namespace StockAndFlow.Tests.Hosting;

/// <summary>A host missing a piece StockAndFlow needs does not start, and the message names the fix.</summary>
[Collection(StockAndFlow.Tests.Support.HangfireHostsCollection.Name)]
public sealed class StartupCheckTests
{
    [Fact]
    public async Task AdminMappedWithoutAuthenticationFailsAtStartupNamingTheFix()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => MinimalHost.StartAsync(new MinimalHost.Pieces(Authentication: false)));

        Assert.Contains("no default authentication scheme", error.Message, StringComparison.Ordinal);
        Assert.Contains("AddAuthentication(", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FlowsWithoutTheCaptureInterceptorFailAtStartupNamingTheFix()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => MinimalHost.StartAsync(new MinimalHost.Pieces(Capture: false)));

        Assert.Contains("'closing'", error.Message, StringComparison.Ordinal);
        Assert.Contains("AddStockAndFlowCapture(sp)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AModelWithoutApplyStockAndFlowFailsAtStartupNamingTheFix()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => MinimalHost.StartAsync(new MinimalHost.Pieces(ApplyModel: false)));

        Assert.Contains("modelBuilder.ApplyStockAndFlow()", error.Message, StringComparison.Ordinal);
        Assert.Contains("HostDbContext.OnModelCreating", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JobsAskedForWithoutHangfireFailAtStartupNamingTheFix()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => MinimalHost.StartAsync(new MinimalHost.Pieces(Hangfire: false)));

        Assert.Contains("Hangfire is not registered", error.Message, StringComparison.Ordinal);
        Assert.Contains("AddHangfire(", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHostWithEveryPieceStarts()
    {
        await using var host = await MinimalHost.StartAsync(new MinimalHost.Pieces());

        using var client = await host.ClientAsync("StockAndFlowAdmin");
        using var response = await client.GetAsync(MinimalHost.AdminPath);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }
}
