using System.Security.Cryptography;
using System.Text.Json;
using Satchel.Build.Resolution;
using Satchel.Runtime.Diagnostics;
using Satchel.Testing;
using Satchel.Testing.PackageIndex;
using Xunit;

namespace Satchel.Build.Tests.Resolution;

public sealed class OfflineResolutionTests
{
    [Fact]
    public void Requirements_file_with_a_constraint_resolves_the_whole_chain_from_find_links()
    {
        using var temp = new TempDirectory("satchel-resolve");
        var links = ChainWheels.Write(temp.Combine("links"));
        var requirements = temp.Write("requirements.txt", "a\n");
        var constraints = temp.Write("constraints.txt", "b==1.0\n");

        var result = TestResolvers.For().Resolve(new ResolveRequest
        {
            WorkDirectory = temp.Combine("work"),
            RequirementFiles = [requirements],
            ConstraintFiles = [constraints],
            PackageSources = new() { FindLinks = [links], NoIndex = true },
        });

        Assert.Equal(["a 1.0", "b 1.0", "c 0.5"], TestResolvers.Set(result));
        Assert.Equal(["a-1.0-py3-none-any.whl", "b-1.0-py3-none-any.whl", "c-0.5-py3-none-any.whl"], TestResolvers.WheelFiles(result.WheelDirectory));
        foreach (var distribution in result.Distributions)
        {
            var source = Path.Combine(links, Path.GetFileName(distribution.WheelPath));
            var expected = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(source)));
            Assert.Equal(expected, distribution.Sha256);
            Assert.Equal(File.ReadAllBytes(source), File.ReadAllBytes(distribution.WheelPath));
            Assert.Equal(distribution.NormalizedName == "a", distribution.Requested);
            Assert.False(distribution.Built);
            Assert.Equal(new DistributionOrigin(OriginKind.FindLinks, links, new Uri(source).AbsoluteUri), distribution.Origin);
        }

        using var report = JsonDocument.Parse(File.ReadAllText(result.ReportPath));
        var reported = report.RootElement.GetProperty("install").EnumerateArray()
            .Select(i => i.GetProperty("metadata").GetProperty("name").GetString()).Order(StringComparer.Ordinal);
        Assert.Equal(["a", "b", "c"], reported);
    }

    [Fact]
    public void Without_the_constraint_the_newest_b_is_chosen()
    {
        using var temp = new TempDirectory("satchel-resolve");
        var links = ChainWheels.Write(temp.Combine("links"));

        var result = TestResolvers.For().Resolve(new ResolveRequest
        {
            WorkDirectory = temp.Combine("work"),
            Requirements = ["a"],
            PackageSources = new() { FindLinks = [links], NoIndex = true },
        });

        Assert.Equal(["a 1.0", "b 2.0", "c 0.5"], TestResolvers.Set(result));
    }

    [Fact]
    public void A_wheel_file_input_is_included_as_is_and_its_dependencies_resolved()
    {
        using var temp = new TempDirectory("satchel-resolve");
        var links = ChainWheels.Write(temp.Combine("links"));
        var app = CraftedWheel.Write(temp.Combine("dist"), "my-tool", "2.1", ["b<2"]);

        var result = TestResolvers.For().Resolve(new ResolveRequest
        {
            WorkDirectory = temp.Combine("work"),
            WheelFiles = [app],
            PackageSources = new() { FindLinks = [links], NoIndex = true },
        });

        Assert.Equal(["b 1.0", "c 0.5", "my-tool 2.1"], TestResolvers.Set(result));
        var tool = result.Find("My_Tool")!;
        Assert.True(tool.Requested);
        Assert.Equal(OriginKind.WheelFile, tool.Origin.Kind);
        Assert.Equal(app, tool.Origin.Source);
    }

    [Fact]
    public void The_users_pip_settings_do_not_leak_into_the_resolution()
    {
        using var temp = new TempDirectory("satchel-resolve");
        var links = ChainWheels.Write(temp.Combine("links"));
        // Everything a user's environment could say to pip to change the answer: another b in
        // extra find-links, a constraint, a config file that forbids b 1.0 — all must be ignored.
        var rogue = temp.Combine("rogue");
        CraftedWheel.Write(rogue, "b", "9.0", ["c"]);
        var config = temp.Write("pip.conf", $"[global]\nfind-links = {rogue}\nconstraint = {temp.Write("bad.txt", "b==9.0\n")}\n");
        var variables = new Dictionary<string, string>(HostEnvironment.Current.Variables)
        {
            ["PIP_FIND_LINKS"] = rogue,
            ["PIP_CONSTRAINT"] = temp.Write("rogue-constraints.txt", "b==9.0\n"),
            ["PIP_CONFIG_FILE"] = config,
            ["PYTHONPATH"] = temp.Combine("nowhere"),
        };
        var host = new HostEnvironment(variables, Environment.CurrentDirectory);

        var result = TestResolvers.For(host: host).Resolve(new ResolveRequest
        {
            WorkDirectory = temp.Combine("work"),
            Requirements = ["a"],
            ConstraintFiles = [temp.Write("constraints.txt", "b==1.0\n")],
            PackageSources = new() { FindLinks = [links], NoIndex = true },
        });

        Assert.Equal(["a 1.0", "b 1.0", "c 0.5"], TestResolvers.Set(result));
    }

    [Fact]
    public void A_second_resolution_in_the_same_work_directory_starts_from_a_clean_wheel_folder()
    {
        using var temp = new TempDirectory("satchel-resolve");
        var links = ChainWheels.Write(temp.Combine("links"));
        var resolver = TestResolvers.For();
        var first = resolver.Resolve(new ResolveRequest { WorkDirectory = temp.Combine("work"), Requirements = ["a"], PackageSources = new() { FindLinks = [links], NoIndex = true } });
        Assert.Equal(3, first.Distributions.Count);

        var second = resolver.Resolve(new ResolveRequest { WorkDirectory = temp.Combine("work"), Requirements = ["d"], PackageSources = new() { FindLinks = [links], NoIndex = true } });

        Assert.Equal(["d 1.0"], TestResolvers.Set(second));
        Assert.Equal(["d-1.0-py3-none-any.whl"], TestResolvers.WheelFiles(second.WheelDirectory));
    }

    [Fact]
    public void Verbose_shows_the_exact_pip_command_lines_and_relays_pips_output()
    {
        // c from the find-links folder is a ready wheel (copied, no second pip run); x is only on
        // the index, so pip collects exactly it.
        using var temp = new TempDirectory("satchel-resolve");
        var links = ChainWheels.Write(temp.Combine("links"));
        var indexed = temp.Combine("indexed");
        CraftedWheel.Write(indexed, "x", "2.0", []);
        using var index = new SimpleIndexServer(indexed);
        var python = TestPythons.Binary("3.11");
        using var sink = new StringWriter();
        var log = new Log(true, sink);
        var host = HostEnvironment.Current;
        var pip = PipLocator.Select(InterpreterProbe.Probe(python, host, log), [], host, log);

        var result = new PipResolver(pip, host, log).Resolve(new ResolveRequest
        {
            WorkDirectory = temp.Combine("work"),
            Requirements = ["c", "x"],
            PackageSources = new() { IndexUrl = index.IndexUrl, FindLinks = [links] },
        });

        var work = temp.Combine("work");
        var text = sink.ToString();
        Assert.Equal(["c 0.5", "x 2.0"], TestResolvers.Set(result));
        Assert.Contains($"resolving requirements: {python} -E -s -B -m pip install --dry-run --ignore-installed --report {work}/report.json --isolated --no-input --disable-pip-version-check --progress-bar off --cache-dir {work}/pip-cache --index-url {index.IndexUrl} --find-links {links} c x", text, StringComparison.Ordinal);
        Assert.Contains("copied 1 ready wheel from local files, no pip run needed for it: c-0.5-py3-none-any.whl", text, StringComparison.Ordinal);
        Assert.Contains($"collecting wheels: {python} -E -s -B -m pip wheel --no-deps --wheel-dir {work}/wheels.partial --isolated --no-input --disable-pip-version-check --progress-bar off --cache-dir {work}/pip-cache --index-url {index.IndexUrl} --find-links {links} 'x @ http://127.0.0.1:{index.Port}/files/x-2.0-py3-none-any.whl", text, StringComparison.Ordinal);
        Assert.DoesNotContain("'c @", text, StringComparison.Ordinal);
        Assert.Contains("pip: Saved ", text, StringComparison.Ordinal);
        Assert.Contains("$ " + python, File.ReadAllText(Path.Combine(work, "logs", "pip-wheel.log")), StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(Path.Combine(links, "c-0.5-py3-none-any.whl")), File.ReadAllBytes(Path.Combine(result.WheelDirectory, "c-0.5-py3-none-any.whl")));
    }

    [Fact]
    public void When_every_artifact_is_a_local_wheel_pip_runs_once()
    {
        using var temp = new TempDirectory("satchel-resolve");
        var links = ChainWheels.Write(temp.Combine("links"));
        using var sink = new StringWriter();
        var host = HostEnvironment.Current;
        var result = new PipResolver(PipLocator.Select(InterpreterProbe.Probe(TestPythons.Binary("3.11"), host), [], host), host, new Log(true, sink)).Resolve(new ResolveRequest { WorkDirectory = temp.Combine("work"), Requirements = ["a"], PackageSources = new() { FindLinks = [links], NoIndex = true } });

        Assert.Equal(["a 1.0", "b 2.0", "c 0.5"], TestResolvers.Set(result));
        Assert.Contains("copied 3 ready wheels from local files, no pip run needed for them: a-1.0-py3-none-any.whl, b-2.0-py3-none-any.whl, c-0.5-py3-none-any.whl", sink.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("collecting wheels", sink.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(temp.Combine("work"), "logs", "pip-wheel.log")));
    }
}
