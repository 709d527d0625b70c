using System.Diagnostics;
using System.Globalization;

namespace StockAndFlow.Actions;

/// <summary>
/// Names this process as machine/process id/start time, and tells whether the process an owner names
/// is gone. Only processes on this machine can be checked; the start time tells a reused process id
/// (a restarted container is often process 1 again) from the process that wrote the owner.
/// </summary>
internal static class ProcessOwner
{
    private const char Separator = '/';

    public static string Current { get; } = Describe(Environment.MachineName, Environment.ProcessId, StartSeconds(Process.GetCurrentProcess()));

    public static string Describe(string machine, int processId, long startSeconds) =>
        string.Join(Separator, machine, processId.ToString(CultureInfo.InvariantCulture), startSeconds.ToString(CultureInfo.InvariantCulture));

    /// <summary>True when the owner is a process of this machine that no longer runs.</summary>
    public static bool IsGoneFromThisMachine(string owner)
    {
        var parts = owner.Split(Separator);
        if (parts.Length != 3 || parts[0] != Environment.MachineName || owner == Current
            || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var processId)
            || !long.TryParse(parts[2], CultureInfo.InvariantCulture, out var startSeconds))
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(processId);
            return StartSeconds(process) != startSeconds;
        }
        catch (ArgumentException)
        {
            return true;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            // Exited between the lookup and the read, or not ours to inspect: only the first means gone.
            return e is InvalidOperationException;
        }
    }

    private static long StartSeconds(Process process) => new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeSeconds();
}
