using System.Security.Cryptography;
using System.Text.Json;
using Satchel.Runtime.Format;
using Satchel.Testing;
using Satchel.Testing.PackageIndex;
using Satchel.Testing.Wheels;
using Xunit;

namespace Satchel.EndToEnd.Tests.Reproducible;

/// <summary>`satchel lock` writes a PEP 751 lock; `satchel build --lock` builds exactly it, offline, or refuses (docs/locks.md).</summary>
public sealed class LockTests : IDisposable
{
    private static readonly string Python = RealPythons.Python311;
    private readonly TempDirectory _dir = new("satchel-lock");

    public LockTests()
    {
        CraftedWheel.Write(Links, "app-core", "1.0", ["helper>=2"]);
        CraftedWheel.Write(Links, "helper", "2.0");
        Directory.CreateDirectory(Project);
        Directory.CreateDirectory(Out);
    }

    public void Dispose() => _dir.Dispose();

    /// <summary>
    /// The crafted app_core wheel is a package without __main__; these tests compare builds and do
    /// not run them, but the build checks that the entry exists, so it names a bound name.
    /// </summary>
    private const string Entry = "app_core:__version__";

    private string Links => _dir.Combine("links");

    private string Project => _dir.Combine("project");

    private string Out => _dir.Combine("out");

    private string LockFile => Path.Combine(Project, "pylock.toml");

    private static Dictionary<string, string?> Env() => new() { ["SATCHEL_VERBOSE"] = null, ["PYTHONPATH"] = null, ["SOURCE_DATE_EPOCH"] = null };

    private static ProcessResult Satchel(params string[] args) => SatchelCli.Run(args, Env());

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    private void Lock(params string[] sources)
    {
        var result = Satchel(["lock", "--python", Python, .. sources, "app-core", "-o", LockFile]);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    private string BuildFromLock(string name)
    {
        var output = Path.Combine(Out, name);
        var result = Satchel("build", "--python", Python, "--lock", LockFile, "-m", Entry, "--name", "app", "-o", output, "-q");
        Assert.True(result.ExitCode == 0, result.ToString());
        return output;
    }

    /// <summary>The lock as Python's own tomllib reads it.</summary>
    private JsonElement ParseWithTomllib()
    {
        var result = ProcessRunner.Run(Python, ["-c", "import json, sys, tomllib; print(json.dumps(tomllib.load(open(sys.argv[1], 'rb'))))", LockFile]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonDocument.Parse(result.StdOut).RootElement.Clone();
    }

    [Fact]
    public void A_lock_from_find_links_parses_with_tomllib_and_has_the_PEP_751_fields()
    {
        Lock("--no-index", "-f", Links);

        var lockDocument = ParseWithTomllib();
        Assert.Equal("1.0", lockDocument.GetProperty("lock-version").GetString());
        Assert.Equal("==3.11.*", lockDocument.GetProperty("requires-python").GetString());
        Assert.Equal("satchel", lockDocument.GetProperty("created-by").GetString());
        var packages = lockDocument.GetProperty("packages").EnumerateArray().ToList();
        Assert.Equal(["app-core 1.0", "helper 2.0"], packages.Select(p => $"{p.GetProperty("name").GetString()} {p.GetProperty("version").GetString()}"));
        foreach (var package in packages)
        {
            var wheel = Assert.Single(package.GetProperty("wheels").EnumerateArray().ToList());
            var fileName = wheel.GetProperty("name").GetString()!;
            var onDisk = Path.Combine(Links, fileName);
            Assert.Equal("../links/" + fileName, wheel.GetProperty("path").GetString());
            Assert.Equal(new FileInfo(onDisk).Length, wheel.GetProperty("size").GetInt64());
            Assert.Equal(Sha256(onDisk), wheel.GetProperty("hashes").GetProperty("sha256").GetString());
            Assert.Equal("../links", package.GetProperty("tool").GetProperty("satchel").GetProperty("find-links").GetString());
        }
    }

    [Fact]
    public void Building_from_the_lock_offline_gives_the_same_distributions_as_building_from_the_requirements()
    {
        Lock("--no-index", "-f", Links);
        var fromRequirements = Path.Combine(Out, "from-requirements");
        var direct = Satchel("build", "--python", Python, "--no-index", "-f", Links, "app-core", "-m", Entry, "--name", "app", "-o", fromRequirements, "-q");
        Assert.True(direct.ExitCode == 0, direct.ToString());

        // No index, no find-links: the lock alone says where every wheel is.
        var fromLock = BuildFromLock("from-lock");

        var a = BuiltFile.Read(fromRequirements);
        var b = BuiltFile.Read(fromLock);
        Assert.Equal(a.Units, b.Units);
        Assert.Equal(["app-core 1.0", "helper 2.0"], b.Header.Units.Where(u => u.Kind != UnitKind.Bytecode).Skip(1).Select(u => u.Name));
        Assert.Null(a.Provenance!.LockSha256Hex);
        Assert.Equal(Sha256(LockFile), b.Provenance!.LockSha256Hex);
        Assert.Equal(b.Sha256, BuiltFile.Read(BuildFromLock("again")).Sha256);
    }

    [Fact]
    public void A_lock_from_an_index_over_HTTP_records_the_index_and_urls_and_builds_from_them()
    {
        using var index = new SimpleIndexServer(Links);
        Lock("-i", index.IndexUrl);

        var packages = ParseWithTomllib().GetProperty("packages").EnumerateArray().ToList();
        Assert.All(packages, p => Assert.Equal(index.IndexUrl, p.GetProperty("index").GetString()));
        Assert.All(packages, p => Assert.StartsWith($"http://127.0.0.1:{index.Port}/", p.GetProperty("wheels")[0].GetProperty("url").GetString(), StringComparison.Ordinal));

        var before = index.Requests.Count;
        var app = BuildFromLock("from-index");
        Assert.Equal(2, index.Requests.Skip(before).Count(r => r.EndsWith(".whl", StringComparison.Ordinal)));
        Assert.Equal(3, BuiltFile.Read(app).Header.Units.Count(u => u.Kind != UnitKind.Bytecode));
    }

    [Fact]
    public void A_wheel_whose_bytes_no_longer_match_the_lock_fails_with_one_line_and_writes_nothing()
    {
        Lock("--no-index", "-f", Links);
        var helper = Directory.EnumerateFiles(Links, "helper-*.whl").Single();
        File.Delete(helper);
        new WheelBuilder("helper", "2.0").AddFile("helper/__init__.py", "print('not what was locked')\n").Build(Links);

        var output = Path.Combine(Out, "app");
        var result = Satchel("build", "--python", Python, "--lock", LockFile, "-m", Entry, "-o", output, "-q");

        Assert.Equal(65, result.ExitCode);
        var error = Assert.Single(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("satchel: ", error, StringComparison.Ordinal);
        Assert.Contains(Path.GetFileName(helper), error, StringComparison.Ordinal);
        Assert.Contains("does not match", error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Out));
    }

    [Fact]
    public void A_wheel_missing_since_the_lock_fails_with_exit_66_and_writes_nothing()
    {
        Lock("--no-index", "-f", Links);
        File.Delete(Directory.EnumerateFiles(Links, "helper-*.whl").Single());

        var output = Path.Combine(Out, "app");
        var result = Satchel("build", "--python", Python, "--lock", LockFile, "-m", Entry, "-o", output, "-q");

        Assert.Equal(66, result.ExitCode);
        Assert.Contains("no such file", result.StdErr, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Out));
    }

    [Fact]
    public void Require_hashes_builds_from_hashed_requirements_and_refuses_a_wrong_hash()
    {
        var core = Directory.EnumerateFiles(Links, "app_core-*.whl").Single();
        var helper = Directory.EnumerateFiles(Links, "helper-*.whl").Single();
        File.WriteAllText(Path.Combine(Project, "good.txt"), $"app-core==1.0 --hash=sha256:{Sha256(core)}\nhelper==2.0 --hash=sha256:{Sha256(helper)}\n");
        File.WriteAllText(Path.Combine(Project, "bad.txt"), $"app-core==1.0 --hash=sha256:{Sha256(core)}\nhelper==2.0 --hash=sha256:{new string('0', 64)}\n");

        var good = Satchel("build", "--python", Python, "--no-index", "-f", Links, "--require-hashes", "-r", Path.Combine(Project, "good.txt"), "-m", Entry, "-o", Path.Combine(Out, "good"), "-q");
        Assert.True(good.ExitCode == 0, good.ToString());

        var bad = Satchel("build", "--python", Python, "--no-index", "-f", Links, "--require-hashes", "-r", Path.Combine(Project, "bad.txt"), "-m", Entry, "-o", Path.Combine(Out, "bad"), "-q");
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("hash", bad.StdErr, StringComparison.OrdinalIgnoreCase);
        Assert.False(File.Exists(Path.Combine(Out, "bad")));
    }

    [Fact]
    public void Lock_with_requirements_on_the_same_command_line_is_a_usage_error()
    {
        Lock("--no-index", "-f", Links);
        var result = Satchel("build", "--python", Python, "--lock", LockFile, "helper", "-m", Entry, "-o", Path.Combine(Out, "app"), "-q");
        Assert.Equal(64, result.ExitCode);
        Assert.Contains("--lock builds exactly the lock's set", result.StdErr, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Out));
    }

    [Fact]
    public void A_local_project_is_locked_as_its_directory_and_built_again_from_the_lock_like_a_build_from_the_project()
    {
        SetuptoolsProject.Write(Project, "local-thing", "0.1", "app-core", "local_thing", new Dictionary<string, string> { ["__init__.py"] = "print('local thing')\n", ["__main__.py"] = "" });
        var backend = BuildBackendWheels.FindLinks(_dir.Combine("backend"));

        var locked = Satchel("lock", "--python", Python, "--no-index", "-f", Links, "-f", backend, Project, "-o", LockFile, "-q");
        Assert.True(locked.ExitCode == 0, locked.ToString());
        var packages = ParseWithTomllib().GetProperty("packages").EnumerateArray().ToList();
        var local = Assert.Single(packages, p => p.GetProperty("name").GetString() == "local-thing");
        Assert.Equal(".", local.GetProperty("directory").GetProperty("path").GetString());
        Assert.False(local.TryGetProperty("wheels", out _));

        var fromProject = Path.Combine(Out, "from-project");
        var direct = Satchel("build", "--python", Python, "--no-index", "-f", Links, "-f", backend, Project, "-m", "local_thing", "--name", "app", "-o", fromProject, "-q");
        Assert.True(direct.ExitCode == 0, direct.ToString());
        // Only the build back-end's wheels are needed now: every dependency comes from the lock.
        var fromLock = Path.Combine(Out, "from-lock");
        var rebuilt = Satchel("build", "--python", Python, "--no-index", "-f", backend, "--lock", LockFile, "-m", "local_thing", "--name", "app", "-o", fromLock, "-q");
        Assert.True(rebuilt.ExitCode == 0, rebuilt.ToString());

        Assert.Equal(BuiltFile.Read(fromProject).Units, BuiltFile.Read(fromLock).Units);
        Assert.Contains("local-thing 0.1", BuiltFile.Read(fromLock).Units.Select(u => u[..u.LastIndexOf(' ')]));
    }
}
