using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace StockAndFlow.Storage;

/// <summary>Resolves the host's DbContext (the one passed to <c>AddStockAndFlow&lt;TContext&gt;</c>).</summary>
public interface IStockAndFlowContextFactory
{
    /// <summary>The host's DbContext type.</summary>
    Type ContextType { get; }

    /// <summary>The scoped context of <paramref name="services"/>.</summary>
    DbContext GetContext(IServiceProvider services);
}

internal sealed class StockAndFlowContextFactory<TContext> : IStockAndFlowContextFactory
    where TContext : DbContext
{
    public Type ContextType => typeof(TContext);

    public DbContext GetContext(IServiceProvider services) => services.GetRequiredService<TContext>();
}
