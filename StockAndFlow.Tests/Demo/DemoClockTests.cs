using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StockAndFlow.Web.Demo;

namespace StockAndFlow.Tests.Demo;

public sealed class DemoClockTests
{
    private static readonly DateTimeOffset Real = new(2026, 11, 22, 15, 30, 0, TimeSpan.Zero);

    [Fact]
    public void GetUtcNow_ReturnsRealTime_UntilSimulated_AndAgainAfterwards()
    {
        var real = new FakeTimeProvider(Real);
        var clock = new DemoClock(real);
        var simulated = new DateTime(2026, 1, 5, 9, 12, 0, DateTimeKind.Utc);

        Assert.Equal(Real, clock.GetUtcNow());
        Assert.False(clock.IsReplaying);

        clock.SetSimulatedTime(simulated);
        real.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(new DateTimeOffset(simulated), clock.GetUtcNow());
        Assert.Equal(Real.AddMinutes(3), clock.RealUtcNow);
        Assert.True(clock.IsReplaying);

        clock.UseRealTime();
        Assert.Equal(Real.AddMinutes(3), clock.GetUtcNow());
        Assert.False(clock.IsReplaying);
    }

    [Fact]
    public void SetSimulatedTime_Throws_WhenGivenLocalTime() =>
        Assert.Throws<ArgumentException>(() => new DemoClock(TimeProvider.System).SetSimulatedTime(DateTime.Now));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AddDemo_MakesTheDemoClockTheEnginesTimeProvider_BeforeOrAfterAddStockAndFlow(bool demoFirst)
    {
        var services = new ServiceCollection();
        if (demoFirst)
        {
            services.AddDemo();
        }

        services.AddStockAndFlow<StockAndFlow.Web.Data.ShopDbContext>();
        if (!demoFirst)
        {
            services.AddDemo();
        }

        using var provider = services.BuildServiceProvider();
        var clock = provider.GetRequiredService<DemoClock>();
        Assert.Same(clock, provider.GetRequiredService<TimeProvider>());
        Assert.Single(services, d => d.ServiceType == typeof(TimeProvider));
    }
}
