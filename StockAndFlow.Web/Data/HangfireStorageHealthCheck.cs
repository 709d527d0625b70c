using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace StockAndFlow.Web.Data;

/// <summary>
/// Reports whether Hangfire's storage answers: lists the registered servers, one small query against
/// the servers table on SQL Server and PostgreSQL (nothing for the in-memory store), which throws when
/// the database is down.
/// </summary>
internal sealed class HangfireStorageHealthCheck(JobStorage storage) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // Hangfire's monitoring API is synchronous; keep it off the request thread.
            var servers = await Task.Run(() => storage.GetMonitoringApi().Servers().Count, cancellationToken);
            return HealthCheckResult.Healthy($"{storage.GetType().Name}: {servers} server(s).");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"{storage.GetType().Name} is unreachable.", ex);
        }
    }
}
