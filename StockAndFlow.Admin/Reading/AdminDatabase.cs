using StockAndFlow.Storage;
using Microsoft.EntityFrameworkCore;
using StockAndFlow.Hosting;

namespace StockAndFlow.Admin.Reading;

/// <summary>
/// The host's DbContext for one request, resolved through StockAndFlow's context factory: the admin
/// knows no concrete context type. Scoped, so the readers, controllers and API handlers of a request
/// share one context.
/// </summary>
public sealed class AdminDatabase(IStockAndFlowContextFactory factory, IServiceProvider services)
{
    private DbContext? _context;

    /// <summary>The request's DbContext, resolved on first use.</summary>
    public DbContext Context => _context ??= factory.GetContext(services);
}
