using Satchel.Build.Python;
using Satchel.Build.Requests;
using Satchel.Build.Resolution;
using Satchel.Build.Tests.Resolution;
using Satchel.Runtime.Diagnostics;
using Satchel.Testing;
using Xunit;

namespace Satchel.Build.Tests.Python;

/// <summary>
/// [tool.satchel] read from real pyproject.toml files (through Python 3.11's tomllib) and merged
/// with the command line, which wins (README, "satchel build").
/// </summary>
public sealed class ProjectBuildOptionsTests
{
    private static readonly Lazy<BuildInterpreter> Interpreter = new(() => InterpreterProbe.Probe(TestPythons.Binary("3.11"), HostEnvironment.Current));

    [Fact]
    public void The_sample_project_fixture_holds_only_keys_the_product_reads()
    {
        using var temp = new TempDirectory("satchel-options");
        var project = SampleProject.Write(temp);

        var merged = Apply(new PythonBuildRequest { Output = temp.Combine("app"), Inputs = [project] });

        Assert.Equal("my-app", merged.ConsoleScript);
        Assert.Equal(">=3.8", merged.InterpreterConstraint);
        Assert.Equal(["--from-pyproject"], merged.InjectArgs);
        Assert.Equal([new KeyValuePair<string, string>("APP_MODE", "bundle")], merged.InjectEnv);
    }

    [Fact]
    public void An_injected_variable_on_the_command_line_wins_over_the_same_one_in_tool_satchel()
    {
        using var temp = new TempDirectory("satchel-options");
        temp.Write("p/pyproject.toml", "[tool.satchel]\nmodule = \"app\"\n\n[tool.satchel.inject-env]\nMODE = \"project\"\nLEVEL = \"3\"\n");

        var merged = Apply(new PythonBuildRequest { Output = temp.Combine("app"), Inputs = [temp.Combine("p")], InjectEnv = [new("MODE", "cli")] });

        // The launcher sets the variables in order: a name given twice would end with the last value.
        Assert.Equal([new("MODE", "cli"), new("LEVEL", "3")], merged.InjectEnv);
    }

    [Fact]
    public void An_entry_on_the_command_line_wins_over_another_kind_of_entry_in_tool_satchel()
    {
        using var temp = new TempDirectory("satchel-options");
        temp.Write("p/pyproject.toml", "[tool.satchel]\nmodule = \"app\"\n");

        var merged = Apply(new PythonBuildRequest { Output = temp.Combine("app"), Inputs = [temp.Combine("p")], ConsoleScript = "tool" });

        Assert.Equal("tool", merged.ConsoleScript);
        Assert.Null(merged.Module);
        BuildRequestCheck.Check(merged, entryRequired: true);
    }

    private static PythonBuildRequest Apply(PythonBuildRequest request) => ProjectBuildOptions.Apply(request, Interpreter.Value, Log.Quiet);
}
