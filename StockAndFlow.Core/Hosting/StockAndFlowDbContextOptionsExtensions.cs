using Microsoft.Extensions.DependencyInjection;
using StockAndFlow.Capture;

#pragma warning disable IDE0130
namespace Microsoft.EntityFrameworkCore;
#pragma warning restore IDE0130

/// <summary>Adds flow capture to a DbContext's options.</summary>
public static class StockAndFlowDbContextOptionsExtensions
{
    /// <summary>
    /// Adds the interceptor that records flow events in the same save as the change; use inside
    /// <c>AddDbContext((sp, o) =&gt; o.UseSqlite(...).AddStockAndFlowCapture(sp))</c>.
    /// </summary>
    public static DbContextOptionsBuilder AddStockAndFlowCapture(this DbContextOptionsBuilder options, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(services);
        var interceptor = services.GetService<FlowCaptureInterceptor>() ?? throw new InvalidOperationException(
            "AddStockAndFlowCapture needs the engine: call services.AddStockAndFlow<TContext>(...) when configuring services.");
        return options.AddInterceptors(interceptor);
    }
}
