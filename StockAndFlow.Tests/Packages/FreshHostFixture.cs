using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;

namespace StockAndFlow.Tests.Packages;

/// <summary>
/// Packs StockAndFlow.Core, .Admin and .Hangfire into a folder feed with a version of their own, builds
/// samples/FreshHost (a copy under the temp folder, so nothing of this repository's build applies)
/// against those packages by PackageReference, and runs it as a separate process in Production on a
/// free loopback port with its SQLite file in the temp folder, and a second copy from its publish output. Disposal kills the process tree, deletes
/// the temp folder and removes the packages of that version from the global NuGet folder.
/// </summary>
public sealed partial class FreshHostFixture : IAsyncLifetime
{
    public static readonly string[] PackageIds = ["StockAndFlow.Core", "StockAndFlow.Admin", "StockAndFlow.Hangfire"];

    // The package projects are built in the test run's configuration (the tests reference them), so
    // packing needs no second build.
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private readonly string _root = Path.Combine(Path.GetTempPath(), "stockandflow-freshhost-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly string _signInKey = Guid.NewGuid().ToString("N");
    private readonly StringBuilder _hostOutput = new();
    private readonly List<Process> _hosts = [];

    /// <summary>A version no earlier run used, so the global NuGet folder cannot serve a stale package.</summary>
    public string Version { get; } = $"0.1.0-ci.{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}.{Environment.ProcessId}";

    public string Feed => Path.Combine(_root, "app", "packages");

    /// <summary>The host running from <c>dotnet build</c> output.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>A second host running from <c>dotnet publish</c> output (its own database).</summary>
    public Uri PublishedAddress { get; private set; } = null!;

    public TimeSpan PackTime { get; private set; }

    public TimeSpan BuildTime { get; private set; }

    public TimeSpan StartTime { get; private set; }

    public string HostOutput => DotnetCommand.Text(_hostOutput);

    public async Task InitializeAsync()
    {
        try
        {
            await PackBuildAndStartAsync();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    private async Task PackBuildAndStartAsync()
    {
        var repository = RepositoryRoot();
        var app = Path.Combine(_root, "app");
        CopySample(Path.Combine(repository, "samples", "FreshHost"), app);
        Directory.CreateDirectory(Feed);

        var suffix = Version["0.1.0-".Length..];
        foreach (var id in PackageIds)
        {
            PackTime += await DotnetCommand.RunAsync(repository, TimeSpan.FromMinutes(3),
                "pack", Path.Combine(repository, id, id + ".csproj"), "-c", Configuration, "--no-build",
                "-o", Feed, "--version-suffix", suffix, "--disable-build-servers", "-nologo");
        }

        BuildTime = await DotnetCommand.RunAsync(app, TimeSpan.FromMinutes(6),
            "build", Path.Combine(app, "FreshHost.csproj"), "-c", "Release", "-p:StockAndFlowVersion=" + Version,
            "--disable-build-servers", "-nologo");

        var published = Path.Combine(_root, "published");
        BuildTime += await DotnetCommand.RunAsync(app, TimeSpan.FromMinutes(3),
            "publish", Path.Combine(app, "FreshHost.csproj"), "-c", "Release", "-p:StockAndFlowVersion=" + Version, "--no-build",
            "-o", published, "--disable-build-servers", "-nologo");

        var watch = Stopwatch.StartNew();
        BaseAddress = await StartAsync(Path.Combine(app, "bin", "Release", "net10.0"), "films.db");
        StartTime = watch.Elapsed;
        PublishedAddress = await StartAsync(published, "published-films.db");
    }

    private async Task<Uri> StartAsync(string output, string database)
    {
        var info = DotnetCommand.StartInfo(output, [Path.Combine(output, "FreshHost.dll")]);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        info.Environment["ConnectionStrings__Films"] = $"Data Source={Path.Combine(_root, database)}";
        info.Environment["SampleSignIn__Key"] = _signInKey;

        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var host = new Process { StartInfo = info, EnableRaisingEvents = true };
        _hosts.Add(host);
        host.OutputDataReceived += (_, e) =>
        {
            DotnetCommand.Append(_hostOutput, e.Data);
            if (e.Data is not null && ListeningOn().Match(e.Data) is { Success: true } match)
            {
                listening.TrySetResult(new Uri(match.Groups[1].Value));
            }
        };
        host.ErrorDataReceived += (_, e) => DotnetCommand.Append(_hostOutput, e.Data);
        host.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"The fresh host exited at start-up:\n{HostOutput}"));
        host.Start();
        host.BeginOutputReadLine();
        host.BeginErrorReadLine();

        var started = await Task.WhenAny(listening.Task, Task.Delay(TimeSpan.FromMinutes(1)));
        return started == listening.Task
            ? await listening.Task
            : throw new InvalidOperationException($"The fresh host did not listen within a minute:\n{HostOutput}");
    }

    /// <summary>A client that keeps its own cookies and does not follow redirects.</summary>
    public HttpClient CreateClient(Uri? baseAddress = null) => new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new() })
    {
        BaseAddress = baseAddress ?? BaseAddress,
        Timeout = TimeSpan.FromSeconds(60),
    };

    /// <summary>A client signed in through the host's own login, in the admin role or not.</summary>
    public async Task<HttpClient> SignInAsync(string name, bool admin)
    {
        var client = CreateClient();
        using var response = await client.PostAsJsonAsync("/login", new { name, admin, key = _signInKey });
        Assert.Equal(System.Net.HttpStatusCode.NoContent, response.StatusCode);
        return client;
    }

    public Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            if (!host.HasExited)
            {
                host.Kill(entireProcessTree: true);
                host.WaitForExit(TimeSpan.FromSeconds(30));
            }

            host.Dispose();
        }

        _hosts.Clear();

        DeleteDirectory(_root);
        var globalPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var id in PackageIds)
        {
            var versions = Path.Combine(globalPackages, id.ToLowerInvariant());
            DeleteDirectory(Path.Combine(versions, Version.ToLowerInvariant()));
            if (Directory.Exists(versions) && !Directory.EnumerateFileSystemEntries(versions).Any())
            {
                Directory.Delete(versions);
            }
        }

        return Task.CompletedTask;
    }

    private static void CopySample(string source, string destination)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            var top = relative.Split(Path.DirectorySeparatorChar)[0];
            if (top is "bin" or "obj" or "packages" || relative.EndsWith(".db", StringComparison.Ordinal))
            {
                continue;
            }

            var target = Path.Combine(destination, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static void DeleteDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
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

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningOn();
}
