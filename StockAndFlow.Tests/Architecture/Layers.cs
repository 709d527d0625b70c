using System.Reflection;
using NetArchTest.Rules;

namespace StockAndFlow.Tests.Architecture;

/// <summary>
/// Checks that code references only its own layer and the layers below it: <c>layers[0]</c> is the
/// bottom; namespaces that share a level must not reference each other. Reads the compiled IL, so a
/// reference in a method body counts as much as one in a signature.
/// </summary>
public static class Layers
{
    public static IReadOnlyList<string> Violations(Assembly assembly, string root, IReadOnlyList<string[]> layers)
    {
        var violations = new List<string>();
        for (var level = 0; level < layers.Count; level++)
        {
            foreach (var name in layers[level])
            {
                var forbidden = layers.Skip(level + 1).SelectMany(l => l)
                    .Concat(layers[level].Where(sibling => sibling != name))
                    .Select(n => $"{root}.{n}")
                    .ToArray();
                if (forbidden.Length == 0)
                {
                    continue;
                }

                var result = Types.InAssembly(assembly).That().ResideInNamespace($"{root}.{name}").ShouldNot().HaveDependencyOnAny(forbidden).GetResult();
                violations.AddRange((result.FailingTypes ?? []).Select(t => $"{t.FullName} ({name}) references a layer above it or beside it: one of {string.Join(", ", forbidden)}"));
            }
        }

        return violations;
    }
}
