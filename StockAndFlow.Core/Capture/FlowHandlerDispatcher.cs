using StockAndFlow.Definitions;
using StockAndFlow.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace StockAndFlow.Capture;

/// <summary>Runs <see cref="IFlowEventHandler{T}"/>s for committed events, each failure logged and contained.</summary>
internal sealed partial class FlowHandlerDispatcher(IServiceScopeFactory scopes, ILogger<FlowHandlerDispatcher> logger)
{
    public async Task DispatchAsync(IReadOnlyList<PendingFlowEvent> events, CancellationToken cancellationToken)
    {
        if (!events.Any(e => e.Flow.Handlers.Count > 0))
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        foreach (var e in events)
        {
            foreach (var handlerType in e.Flow.Handlers)
            {
                try
                {
                    var handler = ActivatorUtilities.GetServiceOrCreateInstance(scope.ServiceProvider, handlerType);
                    var info = new FlowEventInfo(e.Flow, e.Source, e.Sink, e.Event!);
                    var method = typeof(IFlowEventHandler<>).MakeGenericType(e.Flow.EntityType).GetMethod(nameof(IFlowEventHandler<object>.HandleAsync))!;
                    await (Task)method.Invoke(handler, [e.Subject, info, cancellationToken])!;
                }
                catch (Exception ex)
                {
                    var cause = ex is System.Reflection.TargetInvocationException { InnerException: { } inner } ? inner : ex;
                    LogHandlerFailed(logger, cause, handlerType.Name, e.Flow.Slug, e.Event?.SubjectKey);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Flow handler {Handler} failed for flow '{Flow}', subject {SubjectKey}; the save stands.")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string handler, string flow, string? subjectKey);
}
