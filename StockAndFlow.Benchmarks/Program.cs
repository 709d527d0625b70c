using BenchmarkDotNet.Running;

namespace StockAndFlow.Benchmarks;

/// <summary>
/// Runs the benchmarks: <c>dotnet run -c Release --project StockAndFlow.Benchmarks -- --filter '*'</c>;
/// <c>-- p8 …</c> runs the writer or recount of benchmark P8 (<see cref="Admin.P8Writer"/>).
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["p8", ..])
        {
            return await Admin.P8Writer.RunAsync(args);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
