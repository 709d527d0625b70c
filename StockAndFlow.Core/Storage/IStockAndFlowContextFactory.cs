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

/// <summary>
/// A service scope with the host's DbContext resolved in it: the unit of work of a job, a background
/// action or a start-up check, anywhere outside a request.
/// </summary>
public sealed class StockAndFlowScope : IAsyncDisposable
{
    private readonly AsyncServiceScope _scope;

    internal StockAndFlowScope(AsyncServiceScope scope)
    {
        _scope = scope;
        Db = scope.ServiceProvider.GetRequiredService<IStockAndFlowContextFactory>().GetContext(scope.ServiceProvider);
    }

    /// <summary>The scope's services.</summary>
    public IServiceProvider Services => _scope.ServiceProvider;

    /// <summary>The host's DbContext of this scope.</summary>
    public DbContext Db { get; }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _scope.DisposeAsync();
}

/// <summary>Creates <see cref="StockAndFlowScope"/>s.</summary>
public static class StockAndFlowScopeExtensions
{
    /// <summary>A new scope of <paramref name="scopes"/> with the host's DbContext in it.</summary>
    public static StockAndFlowScope CreateStockAndFlowScope(this IServiceScopeFactory scopes)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        return new StockAndFlowScope(scopes.CreateAsyncScope());
    }

    /// <summary>A new scope of <paramref name="services"/> with the host's DbContext in it.</summary>
    public static StockAndFlowScope CreateStockAndFlowScope(this IServiceProvider services) =>
        services.GetRequiredService<IServiceScopeFactory>().CreateStockAndFlowScope();
}
