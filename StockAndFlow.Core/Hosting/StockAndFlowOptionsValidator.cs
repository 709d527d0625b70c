using Microsoft.Extensions.Options;

namespace StockAndFlow.Hosting;

/// <summary>Checks the options at start-up, naming the setting to fix.</summary>
internal sealed class StockAndFlowOptionsValidator : IValidateOptions<StockAndFlowOptions>
{
    public ValidateOptionsResult Validate(string? name, StockAndFlowOptions options)
    {
        try
        {
            TimeZoneInfo.FindSystemTimeZoneById(options.ReportingTimeZone);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            return ValidateOptionsResult.Fail(
                $"StockAndFlow:ReportingTimeZone '{options.ReportingTimeZone}' is not a known time zone. Use an IANA id such as 'Europe/Amsterdam' or 'UTC'.");
        }

        return ValidateOptionsResult.Success;
    }
}
