using StockAndFlow.Definitions;

namespace StockAndFlow.Alerts;

/// <summary>
/// Where alerts go when they fire and when they resolve: the host implements it (mail, chat, a pager) and
/// registers it with <c>services.AddSingleton&lt;IAlertSink, MySink&gt;()</c>; every registered sink is
/// called. Without one, alerts are logged and shown in the admin.
/// </summary>
public interface IAlertSink
{
    /// <summary>Sends one notice; an exception is logged and does not stop the other alerts or sinks.</summary>
    Task SendAsync(AlertNotice notice, CancellationToken cancellationToken);
}

/// <summary>An alert that started or stopped holding.</summary>
/// <param name="Alert">The alert.</param>
/// <param name="Firing">True when it started holding, false when it stopped.</param>
/// <param name="Value">The measured value (a count, a percent or days).</param>
/// <param name="Message">What was found, in words.</param>
/// <param name="At">When the evaluation found it (UTC).</param>
public sealed record AlertNotice(AlertDefinition Alert, bool Firing, double Value, string Message, DateTime At);
