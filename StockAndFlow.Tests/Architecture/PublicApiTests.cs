using System.Reflection;
using PublicApiGenerator;

namespace StockAndFlow.Tests.Architecture;

/// <summary>
/// Each package's public surface, compared with the approved text beside this file, so every change to
/// it is deliberate and shows in review. After an intended change, copy the <c>.received.txt</c> this
/// test writes over the <c>.approved.txt</c>.
/// </summary>
public sealed class PublicApiTests
{
    public static TheoryData<string> Packages() => ["StockAndFlow.Core", "StockAndFlow.Admin", "StockAndFlow.Hangfire"];

    [Theory]
    [MemberData(nameof(Packages))]
    public void PublicApiIsTheApprovedOne(string package)
    {
        var api = Assembly.Load(package).GeneratePublicApi(new ApiGeneratorOptions { AllowNamespacePrefixes = ["Microsoft.Extensions.DependencyInjection", "Microsoft.AspNetCore.Builder", "Microsoft.EntityFrameworkCore"], ExcludeAttributes = ["System.Runtime.Versioning.TargetFrameworkAttribute", "System.Reflection.AssemblyMetadataAttribute"] })
            .ReplaceLineEndings("\n");
        var folder = Path.Combine(RepositoryRoot(), "StockAndFlow.Tests", "Architecture", "PublicApi");
        var approvedPath = Path.Combine(folder, $"{package}.approved.txt");
        var receivedPath = Path.Combine(folder, $"{package}.received.txt");
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : "";

        if (api != approved)
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(receivedPath, api);
        }
        else if (File.Exists(receivedPath))
        {
            File.Delete(receivedPath);
        }

        Assert.True(api == approved, $"{package}'s public API changed: compare {Path.GetRelativePath(RepositoryRoot(), receivedPath)} with {Path.GetFileName(approvedPath)} and copy it over when the change is intended.");
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "StockAndFlow.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No StockAndFlow.sln above {AppContext.BaseDirectory}.");
    }
}
