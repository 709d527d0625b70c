using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StockAndFlow.Admin;
using StockAndFlow.Jobs;
using StockAndFlow.Tests.Support;

namespace StockAndFlow.Tests.Hosting;

/// <summary>Registering the packages twice (a library and its host both calling them) registers each service once.</summary>
public sealed class RegistrationTests
{
    [Fact]
    public void CallingEveryRegistrationTwice_RegistersEachServiceOnce_AndAppliesBothDelegates()
    {
        var services = new ServiceCollection().AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        services.AddStockAndFlow<TestDbContext>().AddHangfireJobs(o => o.DashboardPath = "/jobs");
        services.AddStockAndFlow<TestDbContext>().AddHangfireJobs();
        services.AddStockAndFlowAdmin(o => o.SummaryCacheSeconds = 9);
        services.AddStockAndFlowAdmin(o => o.PolicyName = "Operators");

        Assert.Single(services, d => d.ServiceType == typeof(StockAndFlow.Definitions.StockAndFlowModel));
        Assert.Single(services, d => d.ServiceType == typeof(IStockAndFlowScheduler));
        Assert.Single(services, d => d.ServiceType == typeof(AdminMarker));
        var hosted = services.Where(d => d.ServiceType == typeof(IHostedService)).Select(d => d.ImplementationType).ToList();
        Assert.Equal(hosted.Count, hosted.Distinct().Count());

        using var provider = services.BuildServiceProvider();
        var admin = provider.GetRequiredService<IOptions<StockAndFlowAdminOptions>>().Value;
        Assert.Equal((9d, "Operators"), (admin.SummaryCacheSeconds, admin.PolicyName));
        Assert.Equal("/jobs", provider.GetRequiredService<IOptions<StockAndFlow.Hangfire.StockAndFlowHangfireOptions>>().Value.DashboardPath);
    }
}
