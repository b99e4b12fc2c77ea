using Satchel.Runtime.Cache;
using Satchel.Runtime.Format;
using Satchel.Runtime.Launch;
using Satchel.Runtime.Python;
using Xunit;
using Satchel.Runtime.Configuration;

namespace Satchel.Runtime.Tests.Launch;

/// <summary>
/// What the launcher executes, for every kind of entry and every run-time switch
/// (SATCHEL_INTERPRETER, SATCHEL_INHERIT_PATH, SATCHEL_SCRIPT, SATCHEL_MODULE): the program, its
/// argv, the variables set and those unset. Computed from the header and the layout alone.
/// </summary>
public sealed class LaunchPlanTests
{
    private const string Root = "/c";
    private const string Venv = "/c/v1/venvs/V";
    private const string User = "/home/u/bin/tool";
    private static readonly string AppDir = $"/c/v1/units/{new string('a', 64)}/files";
    private static readonly CacheLayout Layout = new(Root);

    [Fact]
    public void A_pack_app_runs_its_entry_with_the_injected_then_the_users_arguments_and_the_two_variables()
    {
        var header = Header(new LaunchSpec(LaunchKind.Exec, 0, "bin/run.sh", ["--injected"], [new("MODE", "packed")]));

        var plan = LaunchPlan.For(header, Layout, User, ["a", "b"]);

        Assert.Equal($"{AppDir}/bin/run.sh", plan.Program);
        Assert.Equal([$"{AppDir}/bin/run.sh", "--injected", "a", "b"], plan.Argv);
        Assert.Equal($"MODE=packed SATCHEL_APP={User} SATCHEL_APP_DIR={AppDir}", Render(plan.Environment));
        Assert.Null(plan.Unset);
    }

    public static TheoryData<PythonEntryKind, string, string, string> Entries => new()
    {
        // kind, entry in the header, expected argv (after the injected and before the user's arguments, "|" between words), expected program
        { PythonEntryKind.Module, "pkg.cli", $"{Venv}/bin/python|-m|pkg.cli", $"{Venv}/bin/python" },
        { PythonEntryKind.Callable, "pkg.cli:main", $"{Venv}/bin/python|{Venv}/satchel/tool", $"{Venv}/bin/python" },
        { PythonEntryKind.Script, "serve.py", $"{Venv}/bin/python|{AppDir}/serve.py", $"{Venv}/bin/python" },
        { PythonEntryKind.VenvScript, "tool", $"{Venv}/bin/python|{Venv}/bin/tool", $"{Venv}/bin/python" },
        { PythonEntryKind.VenvExecutable, "tool-sh", $"{Venv}/bin/tool-sh", $"{Venv}/bin/tool-sh" },
    };

    [Theory]
    [MemberData(nameof(Entries))]
    public void A_python_entry_starts_as_its_venv_would_run_it(PythonEntryKind kind, string entry, string argv, string program)
    {
        var plan = Plan(kind, entry, interpreterMode: false, inheritPath: false);

        Assert.Equal(program, plan.Program);
        Assert.Equal($"{argv}|--injected|a|b", string.Join('|', plan.Argv));
        Assert.Equal(PythonLaunchPlan.LeakingVariables, plan.Unset!.Take(PythonLaunchPlan.LeakingVariables.Count));
        if (kind == PythonEntryKind.VenvExecutable)
        {
            // No Python starts it: the start hook's variable would leak into the Pythons it starts; its bin/ goes first on PATH.
            Assert.Equal([.. PythonLaunchPlan.LeakingVariables, SatchelVariables.Argv0], plan.Unset);
            Assert.StartsWith($"MODE=packed SATCHEL_APP={User} SATCHEL_APP_DIR={AppDir} PATH={Venv}/bin", Render(plan.Environment), StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal([.. PythonLaunchPlan.LeakingVariables], plan.Unset);
            Assert.Equal($"MODE=packed SATCHEL_APP={User} SATCHEL_APP_DIR={AppDir} {SatchelVariables.Argv0}={User}", Render(plan.Environment));
        }
    }

    [Theory]
    [InlineData(PythonEntryKind.Module, false, "-s|a|b")]
    [InlineData(PythonEntryKind.VenvExecutable, false, "-s|a|b")]
    [InlineData(PythonEntryKind.Callable, true, "a|b")]
    public void Satchel_interpreter_starts_the_venvs_python_with_only_the_users_arguments(PythonEntryKind kind, bool inheritPath, string arguments)
    {
        var plan = Plan(kind, "pkg:main", interpreterMode: true, inheritPath);

        Assert.Equal($"{Venv}/bin/python", plan.Program);
        Assert.Equal($"{Venv}/bin/python|{arguments}", string.Join('|', plan.Argv));
        Assert.Equal($"MODE=packed SATCHEL_APP={User} SATCHEL_APP_DIR={AppDir}", Render(plan.Environment));
        string[] unset = inheritPath ? [SatchelVariables.Argv0] : [.. PythonLaunchPlan.LeakingVariables, SatchelVariables.Argv0];
        Assert.Equal(unset, plan.Unset);
    }

    [Fact]
    public void Satchel_inherit_path_unsets_nothing_the_host_set()
    {
        var plan = Plan(PythonEntryKind.Module, "pkg", interpreterMode: false, inheritPath: true);

        Assert.Equal($"{Venv}/bin/python|-m|pkg|--injected|a|b", string.Join('|', plan.Argv));
        Assert.Empty(plan.Unset!);
    }

    public static TheoryData<PythonEntryKind, string?, string?, string> Overrides => new()
    {
        // the built entry's kind, SATCHEL_SCRIPT, SATCHEL_MODULE, expected argv before the injected and the user's arguments
        { PythonEntryKind.VenvScript, null, "other", $"{Venv}/bin/python|-m|other" },
        { PythonEntryKind.Module, null, "other.cli:run", $"{Venv}/bin/python|-c|{ConsoleScript.Body("other.cli", "run")}" },
        { PythonEntryKind.Callable, "/tmp/x.py", null, $"{Venv}/bin/python|/tmp/x.py" },
        { PythonEntryKind.Script, "rel/x.py", null, $"{Venv}/bin/python|rel/x.py" },
        // The script wins over the module.
        { PythonEntryKind.Module, "/tmp/x.py", "other", $"{Venv}/bin/python|/tmp/x.py" },
        // A data script of another language is replaced by a Python entry: Python starts it, with the start hook.
        { PythonEntryKind.VenvExecutable, null, "other", $"{Venv}/bin/python|-m|other" },
    };

    [Theory]
    [MemberData(nameof(Overrides))]
    public void Satchel_script_and_satchel_module_choose_another_entry(PythonEntryKind kind, string? script, string? module, string argv)
    {
        var plan = Plan(kind, kind == PythonEntryKind.Callable ? "pkg:main" : "built", interpreterMode: false, inheritPath: false, new EntryOverride(script, module));

        Assert.Equal($"{Venv}/bin/python", plan.Program);
        Assert.Equal($"{argv}|--injected|a|b", string.Join('|', plan.Argv));
        Assert.Equal($"MODE=packed SATCHEL_APP={User} SATCHEL_APP_DIR={AppDir} {SatchelVariables.Argv0}={User}", Render(plan.Environment));
        Assert.Equal([.. PythonLaunchPlan.LeakingVariables], plan.Unset);
    }

    private static LaunchPlan Plan(PythonEntryKind kind, string entry, bool interpreterMode, bool inheritPath, EntryOverride entryOverride = default)
    {
        var python = new PythonLaunch(">=3.8", kind, entry, [new UnitPath(0, "src"), new UnitPath(1, "site-packages")]);
        var header = Header(new LaunchSpec(LaunchKind.Python, 0, string.Empty, ["--injected"], [new("MODE", "packed")], python));
        return PythonLaunchPlan.For(header, Layout, Venv, User, ["a", "b"], interpreterMode, inheritPath, entryOverride);
    }

    private static PayloadHeader Header(LaunchSpec launch) => new(
        "tool",
        ExtractMode.Cache,
        launch,
        [new UnitDescriptor(Filled(0xaa), UnitKind.App, "tool", 3, 100), new UnitDescriptor(Filled(0xbb), UnitKind.Wheel, "dep 1.0", 9, 900)],
        new byte[32]);

    private static byte[] Filled(byte value) => Enumerable.Repeat(value, UnitDescriptor.KeyLength).ToArray();

    private static string Render(IEnumerable<KeyValuePair<string, string>> variables) => string.Join(' ', variables.Select(v => $"{v.Key}={v.Value}"));
}
