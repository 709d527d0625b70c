using System.Text.RegularExpressions;
using StockAndFlow.Tests.Browser;

namespace StockAndFlow.Tests.Readme;

public sealed partial class ReadmeSamplesTests
{
    [Fact]
    public void EveryCSharpSampleOfTheReadme_IsCompiledInReadmeSamples()
    {
        var readme = File.ReadAllText(Path.Combine(Screenshots.RepositoryRoot, "README.md"));
        var compiled = Normalize(File.ReadAllText(Path.Combine(Screenshots.RepositoryRoot, "StockAndFlow.Tests", "Readme", "ReadmeSamples.cs")));

        // Blocks that show a file of samples/FreshHost ("// Program.cs" first) are that file verbatim,
        // compiled against the packages by the fresh-host tests (ReadmeSampleTests).
        var freshHost = Path.Combine(Screenshots.RepositoryRoot, "samples", "FreshHost");
        var samples = CSharpBlock().Matches(readme).Select(m => m.Groups["code"].Value)
            .Where(code => FileComment().Match(code) is not { Success: true } file || !File.Exists(Path.Combine(freshHost, file.Groups["file"].Value)))
            .Select(Normalize)
            .ToList();

        Assert.NotEmpty(samples);
        Assert.All(samples, sample => Assert.Contains(sample, compiled, StringComparison.Ordinal));
    }

    // Indentation differs between the README and a method body: compare trimmed, non-empty lines.
    private static string Normalize(string code) =>
        string.Join('\n', code.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));

    [GeneratedRegex("```csharp\\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    [GeneratedRegex("^// (?<file>[A-Za-z]+\\.cs)\\n")]
    private static partial Regex FileComment();
}
