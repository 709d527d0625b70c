using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StockAndFlow.Definitions;

namespace StockAndFlow.Hosting;

/// <summary>
/// Builds and validates the model when the host starts, so a definition error stops start-up with a
/// message naming the definition instead of surfacing on the first save or count. Logs, per stock
/// group, the moves no flow records: the stocks they touch change by more than inflows minus outflows.
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

        if (!options.Value.ValidateQueriesOnStartup)
        {
            return;
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IStockAndFlowContextFactory>().GetContext(scope.ServiceProvider);
        QueryValidator.Validate(model, db);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Stock group [{Group}]: no flow records the moves {Moves}; counts of the stocks they touch are not explained by inflows minus outflows.")]
    private static partial void LogUndeclaredMoves(ILogger logger, string group, string moves);
}
