using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Interpreters;
using Satchel.Testing;
using Xunit;

namespace Satchel.Runtime.Tests.Interpreters;

public sealed class FactsTests : IDisposable
{
    private readonly InterpreterWorld _world = new();

    public static TheoryData<string> AllVersions => [.. RealPythons.Versions, "2.7.18"];

    [Theory]
    [MemberData(nameof(AllVersions))]
    public void A_real_interpreter_reports_its_facts(string version)
    {
        var binary = RealPythons.Binary(version);
        var result = InterpreterProbe.Run(binary, BinaryStamp.OfExecutable(binary)!.Value);

        var facts = Assert.IsType<InterpreterFacts>(result.Facts);
        var prefix = Path.Combine(RealPythons.Root, "versions", version);
        var v = PythonVersion.Parse(version);
        Assert.Equal(("cpython", version, $"{v.Major}.{v.Minor}"), (facts.Implementation, facts.Version.ToString(), facts.MajorMinor));
        Assert.Equal(v.Major == 2 ? "mu" : v.Minor < 8 ? "m" : "", facts.AbiFlags);
        Assert.Equal(UnameMachine(), facts.Machine);
        Assert.Equal((prefix, prefix, false), (facts.Prefix, facts.BasePrefix, facts.IsVenv));
        Assert.Equal(Path.Combine(prefix, "lib", $"python{v.Major}.{v.Minor}"), facts.StdlibDir);
        Assert.Equal((v.Major == 3, true), (facts.HasVenv, facts.HasEnsurepip));
        Assert.Equal(binary, facts.Executable);
    }

    [Fact]
    public void A_copied_venv_interpreter_knows_it_is_one()
    {
        var venv = _world.Combine("venv");
        var made = ProcessRunner.Run(RealPythons.Python312, ["-m", "venv", "--without-pip", "--copies", venv]);
        Assert.True(made.ExitCode == 0, made.ToString());
        var binary = Path.Combine(venv, "bin", "python3");

        var facts = InterpreterProbe.Run(binary, BinaryStamp.OfExecutable(binary)!.Value).Facts!;

        Assert.True(facts.IsVenv);
        Assert.Equal(venv, facts.Prefix);
        Assert.Equal(Path.Combine(RealPythons.Root, "versions", "3.12.1"), facts.BasePrefix);
    }

    [Fact]
    public void Facts_are_cached_by_real_path_and_a_later_lookup_runs_no_Python()
    {
        var bin = _world.NewDirectory("bin");
        var log = _world.Combine("runs.log");
        var wrapper = _world.CountingWrapper(bin, "python3", RealPythons.Python312, log);
        var environment = InterpreterWorld.Environment([bin]);
        int Runs() => File.Exists(log) ? File.ReadAllLines(log).Length : 0;
        InterpreterFacts Select(string requirement) =>
            InterpreterSelector.Select(InterpreterRequirement.Parse(requirement), _world.Layout, Log.Quiet, environment);

        Assert.Equal(wrapper, Select(">=3.12").Path);
        Assert.Equal(1, Runs());

        // A different requirement misses the remembered choice, searches again, and finds the facts cached.
        Assert.Equal("3.12.1", Select("==3.12.*").Version.ToString());
        // The same requirement again is answered by the remembered choice.
        Assert.Equal("3.12.1", Select(">=3.12").Version.ToString());
        Assert.Equal(1, Runs());

        var factsFile = _world.Layout.InterpreterFacts(FactsCache.KeyFor(wrapper));
        var text = File.ReadAllText(factsFile);
        Assert.StartsWith($"{FactsCache.Header}\npath={wrapper}\nsize=", text);
        Assert.Contains("\nversion=3.12.1\n", text);
        Assert.Equal(16, Path.GetFileNameWithoutExtension(factsFile).Length);

        // A changed binary (here: a new mtime) is asked again, whichever cache would have answered.
        File.SetLastWriteTimeUtc(wrapper, DateTime.UtcNow.AddMinutes(-5));
        Assert.Equal("3.12.1", Select(">=3.12").Version.ToString());
        Assert.Equal(2, Runs());
        Assert.Equal("3.12.1", Select("==3.12.*").Version.ToString());
        Assert.Equal(2, Runs());
    }

    [Fact]
    public void A_damaged_facts_file_is_replaced_by_a_fresh_probe()
    {
        var bin = _world.NewDirectory("bin");
        var log = _world.Combine("runs.log");
        var wrapper = _world.CountingWrapper(bin, "python3", RealPythons.Python311, log);
        var cache = new FactsCache(_world.Layout, Log.Quiet);
        var stamp = BinaryStamp.OfExecutable(wrapper)!.Value;
        Assert.NotNull(cache.Get(wrapper, stamp).Facts);

        File.WriteAllText(cache.FileFor(wrapper)!, File.ReadAllText(cache.FileFor(wrapper)!)[..40]);

        var again = cache.Get(wrapper, stamp);
        Assert.Equal(("3.11.7", false), (again.Facts!.Version.ToString(), again.FromCache));
        Assert.Equal(2, File.ReadAllLines(log).Length);
        Assert.True(cache.Get(wrapper, stamp).FromCache);
    }

    [Fact]
    public async Task Sixteen_selections_at_once_on_an_empty_cache_all_succeed_and_leave_whole_files()
    {
        var root = _world.PyenvRoot("3.9.18", "3.10.13", "3.11.7", "3.12.1", "3.13.0");
        var environment = InterpreterWorld.Environment([], pyenvRoot: root);
        var requirement = InterpreterRequirement.Parse(">=3.10,<3.13");
        using var start = new Barrier(16);

        var results = Enumerable.Range(0, 16)
            .Select(_ => Task.Factory.StartNew(() =>
            {
                start.SignalAndWait();
                return InterpreterSelector.Select(requirement, _world.Layout, Log.Quiet, environment);
            }, TaskCreationOptions.LongRunning))
            .ToArray();
        var chosen = await Task.WhenAll(results);

        Assert.All(chosen, facts => Assert.Equal(RealPythons.Python312, facts.Path));
        var files = Directory.GetFiles(_world.Layout.InterpretersDir);
        Assert.Equal(2, files.Count(f => f.EndsWith(".facts", StringComparison.Ordinal)));
        Assert.Single(files, f => f.EndsWith(".choice", StringComparison.Ordinal));
        Assert.Equal(3, files.Length);
        foreach (var file in files.Where(f => f.EndsWith(".facts", StringComparison.Ordinal)))
        {
            Assert.NotNull(FactsRecord.From(KeyValueRecordFile.Read(file, FactsCache.Header)!));
        }
    }

    private static string UnameMachine()
    {
        var uname = ProcessRunner.Run("uname", ["-m"]);
        return uname.StdOut.Trim();
    }

    public void Dispose() => _world.Dispose();
}
