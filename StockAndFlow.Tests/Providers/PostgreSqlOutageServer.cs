using System.Diagnostics;

namespace StockAndFlow.Tests.Providers;

/// <summary>
/// A PostgreSQL server of the outage test's own, which it may stop and start without disturbing the
/// other tests: ./test.sh starts it and sets <see cref="ServerVariable"/> (its connection string) and
/// <see cref="ControlVariable"/> (a script taking <c>stop</c> or <c>start</c>).
/// </summary>
internal static class PostgreSqlOutageServer
{
    public const string ServerVariable = "STOCKANDFLOW_TEST_POSTGRES_OUTAGE";

    public const string ControlVariable = "STOCKANDFLOW_TEST_POSTGRES_OUTAGE_CTL";

    public static Task StopAsync() => RunAsync("stop");

    public static Task StartAsync() => RunAsync("start");

    private static async Task RunAsync(string verb)
    {
        var control = Environment.GetEnvironmentVariable(ControlVariable)
            ?? throw new InvalidOperationException($"Set {ControlVariable} to a script that stops and starts the server in {ServerVariable} (./test.sh does).");
        using var process = Process.Start(new ProcessStartInfo(control, verb) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"{control} {verb} exited with {process.ExitCode}: {await output}{await error}");
    }
}
