using StockAndFlow.Capture;

namespace StockAndFlow.Web.Demo;

/// <summary>Tells a lead's owner that the lead is hot again (logged in the demo).</summary>
public sealed partial class NotifyOwner(ILogger<NotifyOwner> logger) : IFlowEventHandler<Lead>
{
    public Task HandleAsync(Lead subject, FlowEventInfo info, CancellationToken cancellationToken)
    {
        LogReengaged(logger, subject.Name, info.Source.Name);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Lead {Lead} is hot again (was in {Source}); notifying its owner.")]
    private static partial void LogReengaged(ILogger logger, string lead, string source);
}
