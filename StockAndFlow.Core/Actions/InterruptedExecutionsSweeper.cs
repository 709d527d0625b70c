using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace StockAndFlow.Actions;

/// <summary>
/// At start-up, and every <see cref="Interval"/> while the host runs, marks action executions left
/// queued or running by a process of this machine that died (kill -9, a crash, a container restart)
/// as interrupted, so none stays "Running" for good.
/// </summary>
internal sealed partial class InterruptedExecutionsSweeper(ActionExecutions executions, TimeProvider time, ILogger<InterruptedExecutionsSweeper> logger) : IHostedService, IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await SweepAsync(cancellationToken);

        // Another instance on this machine may die while this one runs.
        _loop = Task.Run(() => LoopAsync(_stopping.Token), CancellationToken.None);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_loop is not null)
        {
            await _loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public void Dispose() => _stopping.Dispose();

    private async Task LoopAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, time, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await SweepAsync(stopping);
        }
    }

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        try
        {
            await executions.MarkInterruptedAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A database not migrated yet, or briefly unreachable: the next sweep tries again.
            LogSweepFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look for interrupted action executions.")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
