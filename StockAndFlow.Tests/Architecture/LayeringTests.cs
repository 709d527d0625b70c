using StockAndFlow.Definitions;

namespace StockAndFlow.Tests.Architecture;

/// <summary>
/// Core's folders follow the data path, each using only those below it (see ARCHITECTURE.md):
/// storage, the model, capture, counting, reading, moves, then the features that act on rows, jobs,
/// and hosting. Features on one level do not use each other.
/// </summary>
public sealed class LayeringTests
{
    public static readonly IReadOnlyList<string[]> CoreLayers =
    [
        ["Storage"],
        ["Definitions"],
        ["Capture"],
        ["Counting"],
        ["Reading"],
        ["Moves"],
        ["Decay", "Actions", "Statistics", "Insights", "Alerts"],
        ["Jobs"],
        ["Hosting"],
    ];

    [Fact]
    public void CoreReferencesOnlyDownward()
    {
        var violations = Layers.Violations(typeof(StockAndFlowModel).Assembly, "StockAndFlow", CoreLayers);

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public void EveryCoreNamespaceIsInALayer()
    {
        var layered = CoreLayers.SelectMany(l => l).Select(n => $"StockAndFlow.{n}").ToHashSet(StringComparer.Ordinal);
        var namespaces = typeof(StockAndFlowModel).Assembly.GetTypes()
            .Select(t => t.Namespace)
            .Where(n => n is not null && n.StartsWith("StockAndFlow.", StringComparison.Ordinal))
            .Select(n => string.Join('.', n!.Split('.').Take(2)))
            .Distinct();

        Assert.All(namespaces, n => Assert.Contains(n, layered));
    }

    [Fact]
    public void AnUpwardReferenceIsReported()
    {
        var violations = Layers.Violations(typeof(LayeringTests).Assembly, "StockAndFlow.Tests.Architecture.Fixture", [["Storage"], ["Capture"]]);

        var violation = Assert.Single(violations);
        Assert.Contains("Fixture.Storage.Row", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void AReferenceBetweenFeaturesOnOneLevelIsReported()
    {
        var violations = Layers.Violations(typeof(LayeringTests).Assembly, "StockAndFlow.Tests.Architecture.Fixture", [["Storage", "Capture"]]);

        Assert.Equal(2, violations.Count);
    }
}
