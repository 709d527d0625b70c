using Microsoft.Extensions.DependencyInjection.Extensions;

namespace StockAndFlow.Web.Demo;

/// <summary>Registers the demo's clock and seeder.</summary>
public static class DemoServiceCollectionExtensions
{
    /// <summary>
    /// Makes a <see cref="DemoClock"/> over real time the app's <see cref="TimeProvider"/> and registers
    /// <see cref="DemoSeeder"/> with its <see cref="DemoOptions"/> (bound from <c>StockAndFlow:Demo</c>). It replaces whatever <see cref="TimeProvider"/> was registered, so it may
    /// be called before or after <c>AddStockAndFlow</c> (which only adds <see cref="TimeProvider.System"/>
    /// when none is registered). A host or test that registers its own <see cref="DemoClock"/> (over a
    /// fake "real" time) keeps it.
    /// </summary>
    public static IServiceCollection AddDemo(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(_ => new DemoClock(TimeProvider.System));
        services.Replace(ServiceDescriptor.Singleton<TimeProvider>(sp => sp.GetRequiredService<DemoClock>()));
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddScoped<DemoSeeder>();
        return services;
    }
}
