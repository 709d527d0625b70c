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

        var samples = CSharpBlock().Matches(readme).Select(m => Normalize(m.Groups["code"].Value)).ToList();

        Assert.NotEmpty(samples);
        Assert.All(samples, sample => Assert.Contains(sample, compiled, StringComparison.Ordinal));
    }

    // Indentation differs between the README and a method body: compare trimmed, non-empty lines.
    private static string Normalize(string code) =>
        string.Join('\n', code.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));

    [GeneratedRegex("```csharp\\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
