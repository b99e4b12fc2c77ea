using System.Net;
using System.Net.Sockets;
using Satchel.Build.Resolution;
using Satchel.Runtime.Errors;
using Satchel.Testing;
using Xunit;

namespace Satchel.Build.Tests.Resolution;

public sealed class ResolutionFailureTests
{
    [Fact]
    public void An_unsatisfiable_requirement_is_exit_65_quoting_pip_and_leaves_no_wheels()
    {
        using var temp = new TempDirectory("satchel-resolve");
        var links = ChainWheels.Write(temp.Combine("links"));
        var work = temp.Combine("work");

        var error = Assert.Throws<PipFailureException>(() => TestResolvers.For().Resolve(new ResolveRequest
        {
            WorkDirectory = work,
            Requirements = ["a", "b>=3"],
            PackageSources = new() { FindLinks = [links], NoIndex = true },
        }));

        Assert.Equal(ExitCodes.Data, error.ExitCode);
        var quoted = PipQuote(error, "pip failed while resolving requirements: ");
        Assert.Contains("b>=3", quoted, StringComparison.Ordinal);
        Assert.Contains(quoted, File.ReadAllText(error.LogPath), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(work, "wheels")));
        Assert.Empty(Directory.EnumerateFiles(work, "*.whl", SearchOption.AllDirectories));
    }

    [Fact]
    public void Conflicting_pins_are_exit_65_naming_the_conflict()
    {
        using var temp = new TempDirectory("satchel-resolve");
        var links = ChainWheels.Write(temp.Combine("links"));

        var error = Assert.Throws<PipFailureException>(() => TestResolvers.For().Resolve(new ResolveRequest
        {
            WorkDirectory = temp.Combine("work"),
            Requirements = ["a", "b==2.0"],
            ConstraintFiles = [temp.Write("constraints.txt", "b==1.0\n")],
            PackageSources = new() { FindLinks = [links], NoIndex = true },
        }));

        Assert.Equal(ExitCodes.Data, error.ExitCode);
        Assert.Contains("b==2.0", PipQuote(error, "pip failed while resolving requirements: "), StringComparison.Ordinal);
    }

    [Fact]
    public void A_project_that_fails_to_build_is_exit_65_with_the_back_ends_own_error()
    {
        using var temp = new TempDirectory("satchel-resolve");
        var project = Path.GetDirectoryName(temp.Write("broken/setup.py", "raise SystemExit('boom: this project cannot build')\n"))!;
        var bootstrap = TestPythons.BootstrapFindLinks(temp.Combine("bootstrap"));

        var error = Assert.Throws<PipFailureException>(() => TestResolvers.For().Resolve(new ResolveRequest
        {
            WorkDirectory = temp.Combine("work"),
            LocalProjects = [project],
            PackageSources = new() { FindLinks = [bootstrap], NoIndex = true },
        }));

        Assert.Equal(ExitCodes.Data, error.ExitCode);
        // The back-end's own last words (this test's setup.py) are what the line quotes; pip's
        // framing around them differs between pip versions and is not asserted.
        var quoted = PipQuote(error, "pip failed while resolving requirements: ", passedThrough: false);
        Assert.Contains("boom: this project cannot build", quoted, StringComparison.Ordinal);
        Assert.Contains("boom: this project cannot build", error.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_project_whose_build_backend_is_missing_quotes_the_reason_not_pips_exception_header()
    {
        using var temp = new TempDirectory("satchel-resolve");
        var project = Path.GetDirectoryName(temp.Write("nobackend/pyproject.toml",
            "[build-system]\nrequires = []\nbuild-backend = \"no_such_backend\"\n\n[project]\nname = \"nobackend\"\nversion = \"1.0\"\n"))!;

        var error = Assert.Throws<PipFailureException>(() => TestResolvers.For().Resolve(new ResolveRequest
        {
            WorkDirectory = temp.Combine("work"),
            LocalProjects = [project],
            PackageSources = new() { NoIndex = true },
        }));

        Assert.Equal(ExitCodes.Data, error.ExitCode);
        var quoted = PipQuote(error, "pip failed while resolving requirements: ", passedThrough: false);
        Assert.NotEqual("Exception:", quoted);
        Assert.Contains("no_such_backend", quoted, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreachable_index_is_exit_69()
    {
        using var temp = new TempDirectory("satchel-resolve");
        // A socket bound but never listening: connections to its port are refused, and no other
        // process can take the port while the test runs (a port closed after probing can be).
        using var bound = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        bound.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)bound.LocalEndPoint!).Port;

        var error = Assert.Throws<PipFailureException>(() => TestResolvers.For().Resolve(new ResolveRequest
        {
            WorkDirectory = temp.Combine("work"),
            Requirements = ["a"],
            PackageSources = new() { IndexUrl = $"http://127.0.0.1:{port}/simple" },
        }));

        Assert.Equal(ExitCodes.Unavailable, error.ExitCode);
        PipQuote(error, $"pip could not reach http://127.0.0.1:{port}/simple while resolving requirements: ");
    }

    [Fact]
    public void A_plain_http_index_on_another_host_is_a_usage_error_that_says_how_to_trust_it()
    {
        using var temp = new TempDirectory("satchel-resolve");

        var error = Assert.Throws<PipFailureException>(() => TestResolvers.For().Resolve(new ResolveRequest
        {
            WorkDirectory = temp.Combine("work"),
            Requirements = ["a"],
            PackageSources = new() { IndexUrl = "http://packages.example.invalid/simple" },
        }));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Contains("pip ignored the package source at packages.example.invalid", error.Message, StringComparison.Ordinal);
        Assert.Contains("--trusted-host packages.example.invalid", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Checks Satchel's own line around pip's words (one line, <paramref name="prefix"/>, a quote,
    /// the log's path) and returns the quote. pip's wording is pip's and varies with its version
    /// and with what the machine has installed, so it is not asserted; that the quote is pip's own
    /// output passed through is (unless the line composes it from several of pip's lines).
    /// </summary>
    private static string PipQuote(PipFailureException error, string prefix, bool passedThrough = true)
    {
        Assert.DoesNotContain('\n', error.Message);
        Assert.StartsWith(prefix + "\"", error.Message, StringComparison.Ordinal);
        var end = error.Message.IndexOf("\"; ", prefix.Length + 1, StringComparison.Ordinal);
        Assert.True(end > prefix.Length + 1, "no quote of pip's output in: " + error.Message);
        var quoted = error.Message[(prefix.Length + 1)..end];
        if (passedThrough)
        {
            Assert.Contains(quoted.TrimEnd('.'), error.Output, StringComparison.Ordinal);
        }

        Assert.Contains($"full pip log: {error.LogPath}", error.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(error.LogPath), error.LogPath);
        return quoted;
    }

    public static TheoryData<string, int, string> BadRequests => new()
    {
        { "missing-requirements-file", ExitCodes.NoInput, "requirements file " },
        { "project-without-pyproject", ExitCodes.NoInput, "is not a Python project" },
        { "missing-find-links", ExitCodes.NoInput, "find-links folder " },
        { "nothing", ExitCodes.Usage, "nothing to resolve" },
        { "no-index-and-index-url", ExitCodes.Usage, "--no-index contradicts" },
        { "option-as-requirement", ExitCodes.Usage, "is not a requirement specifier" },
        { "not-a-wheel-name", ExitCodes.Usage, "is not named like a wheel" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public void Bad_inputs_are_refused_before_pip_runs(string kind, int exitCode, string message)
    {
        using var temp = new TempDirectory("satchel-resolve");
        var work = temp.Combine("work");
        var request = kind switch
        {
            "missing-requirements-file" => new ResolveRequest { WorkDirectory = work, RequirementFiles = [temp.Combine("nope.txt")] },
            "project-without-pyproject" => new ResolveRequest { WorkDirectory = work, LocalProjects = [Path.GetDirectoryName(temp.Write("proj/README", "x"))!] },
            "missing-find-links" => new ResolveRequest { WorkDirectory = work, Requirements = ["a"], PackageSources = new() { FindLinks = [temp.Combine("none")] } },
            "nothing" => new ResolveRequest { WorkDirectory = work },
            "no-index-and-index-url" => new ResolveRequest { WorkDirectory = work, Requirements = ["a"], PackageSources = new() { NoIndex = true, IndexUrl = "http://127.0.0.1:1/simple" } },
            "option-as-requirement" => new ResolveRequest { WorkDirectory = work, Requirements = ["-e ."] },
            "not-a-wheel-name" => new ResolveRequest { WorkDirectory = work, WheelFiles = [temp.Write("thing.whl", "x")] },
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        var error = Assert.Throws<SatchelException>(() => TestResolvers.For().Resolve(request));

        Assert.Equal(exitCode, error.ExitCode);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(work));
    }
}
