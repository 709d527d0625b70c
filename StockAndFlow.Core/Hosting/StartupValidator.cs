using StockAndFlow.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StockAndFlow.Capture;
using StockAndFlow.Definitions;

namespace StockAndFlow.Hosting;

/// <summary>
/// Builds and validates the model when the host starts, so a definition error — or a DbContext that
/// lacks StockAndFlow's tables or its capture interceptor — stops start-up with a message naming the fix
/// instead of surfacing as a failed save or as flow events silently not recorded. Logs, per stock group,
/// the moves no flow records: the stocks they touch change by more than inflows minus outflows.
/// </summary>
internal sealed partial class StartupValidator(IServiceProvider services, IOptions<StockAndFlowOptions> options, ILogger<StartupValidator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var model = services.GetRequiredService<StockAndFlowModel>();
        foreach (var group in model.StockGroups.Where(g => g.UndeclaredMoves.Count > 0))
        {
            LogUndeclaredMoves(logger, group.ToString(), string.Join(", ", group.UndeclaredMoves));
        }

        await using var scope = services.CreateStockAndFlowScope();
        var db = scope.Db;
        CheckContext(model, db);
        QueryValidator.CheckRowKeys(model, db);
        if (options.Value.ValidateQueriesOnStartup)
        {
            QueryValidator.Validate(model, db);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Throws when <paramref name="db"/> lacks the model configuration or (with flows declared) the capture interceptor.</summary>
    internal static void CheckContext(StockAndFlowModel model, DbContext db)
    {
        var contextName = db.GetType().Name;
        if (db.Model.FindEntityType(typeof(FlowEvent)) is null)
        {
            throw new InvalidOperationException(
                $"{contextName} has no StockAndFlow tables: call modelBuilder.ApplyStockAndFlow() in {contextName}.OnModelCreating, "
                + "then add a migration (or create the schema) so the StockAndFlow_ tables exist.");
        }

        var interceptors = db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors ?? [];
        if (model.Flows.Count > 0 && !interceptors.OfType<FlowCaptureInterceptor>().Any())
        {
            throw new InvalidOperationException(
                $"{model.Flows.Count} flow(s) are declared (e.g. '{model.Flows[0].Slug}'), but {contextName} does not capture them, so no flow event "
                + $"would be recorded: add the capture interceptor where the context is registered, "
                + $"services.AddDbContext<{contextName}>((sp, o) => o.Use...(connectionString).AddStockAndFlowCapture(sp)).");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stock group [{Group}]: no flow records the moves {Moves}; counts of the stocks they touch are not explained by inflows minus outflows.")]
    private static partial void LogUndeclaredMoves(ILogger logger, string group, string moves);
}
