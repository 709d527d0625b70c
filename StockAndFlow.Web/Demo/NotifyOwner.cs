using StockAndFlow.Definitions;
using StockAndFlow.Capture;

namespace StockAndFlow.Web.Demo;

/// <summary>Tells a lead's owner that the lead is hot again (logged in the demo).</summary>
/// <remarks>
/// Nobody is notified of re-engagements in the replayed demo history (<see cref="DemoClock.IsReplaying"/>):
/// they are a year old, and a line for each would bury the seeding progress on first start.
/// </remarks>
public sealed partial class NotifyOwner(TimeProvider time, ILogger<NotifyOwner> logger) : IFlowEventHandler<Lead>
{
    public Task HandleAsync(Lead subject, FlowEventInfo info, CancellationToken cancellationToken)
    {
        if (time is not DemoClock { IsReplaying: true })
        {
            LogReengaged(logger, subject.Name, info.Source.Name);
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Lead {Lead} is hot again (was in {Source}); notifying its owner.")]
    private static partial void LogReengaged(ILogger logger, string lead, string source);
}
