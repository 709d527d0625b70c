using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StockAndFlow.Definitions;

namespace StockAndFlow.Hosting;

/// <summary>
/// Builds and validates the model when the host starts, so a definition error stops start-up with a
/// message naming the definition instead of surfacing on the first save or count.
/// </summary>
internal sealed class StartupValidator(IServiceProvider services, IOptions<StockAndFlowOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var model = services.GetRequiredService<StockAndFlowModel>();
        if (!options.Value.ValidateQueriesOnStartup)
        {
            return;
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IStockAndFlowContextFactory>().GetContext(scope.ServiceProvider);
        QueryValidator.Validate(model, db);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
