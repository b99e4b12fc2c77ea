using System.Text.Json;
using Satchel.Build.Python;
using Satchel.Build.Requests;
using Satchel.Build.Resolution;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Errors;
using Xunit;

namespace Satchel.Build.Tests.Python;

/// <summary>
/// Every [tool.satchel] key against the command line and against a second project: the command
/// line wins, then the first project; lists of inputs add up (<see cref="ProjectBuildOptions"/>).
/// </summary>
public sealed class ProjectBuildOptionsPrecedenceTests
{
    private const string First = "/work/first";
    private const string Second = "/work/second";

    public static TheoryData<string, string, string?, string> Cases => new()
    {
        // key, the first project's table, the second project's table (or none), expected
        { "module", """{"module": "app"}""", null, "module=app" },
        { "module", """{"module": "app"}""", """{"module": "other"}""", "module=app" },
        { "console-script", """{"console-script": "tool"}""", """{"module": "other"}""", "console-script=tool" },
        { "script", """{"script": "run.py"}""", null, $"script={First}/run.py" },
        { "script", """{"script": "/abs/run.py"}""", null, "script=/abs/run.py" },
        { "interpreter-constraint", """{"interpreter-constraint": ">=3.9"}""", """{"interpreter-constraint": ">=3.12"}""", "interpreter-constraint=>=3.9" },
        { "name", """{"name": "first"}""", """{"name": "second"}""", "name=first" },
        { "inject-args", """{"inject-args": ["-x", "1"]}""", """{"inject-args": ["-y"]}""", "inject-args=-x 1" },
        { "inject-env", """{"inject-env": {"A": "1", "B": "1"}}""", """{"inject-env": {"B": "2", "C": "2"}}""", "inject-env=A=1 B=1 C=2" },
        { "sources", """{"sources": ["src"]}""", """{"sources": ["lib"]}""", $"sources={First}/src {Second}/lib" },
        { "include", """{"include": ["data=share"]}""", null, $"include={First}/data=share" },
        { "find-links", """{"find-links": ["wheels", "/abs/wheels"]}""", null, $"find-links={First}/wheels /abs/wheels" },
        { "trusted-host", """{"trusted-host": ["a.example"]}""", """{"trusted-host": ["b.example"]}""", "trusted-host=a.example b.example" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Projects_alone_first_project_first(string key, string first, string? second, string expected)
    {
        var merged = Merge(new PythonBuildRequest { Output = "/work/app" }, first, second);

        Assert.Equal(expected, Render(merged, key));
    }

    public static TheoryData<string, string, string> CommandLineCases => new()
    {
        // key, the project's table, expected (an entry key shows the other entry kinds when any is set)
        { "module", """{"module": "app"}""", "module=cli" },
        { "module", """{"console-script": "tool", "script": "run.py"}""", "module=cli" },
        { "console-script", """{"console-script": "tool"}""", "console-script=cli" },
        { "console-script", """{"module": "app"}""", "console-script=cli" },
        { "script", """{"script": "run.py"}""", "script=/cli.py" },
        { "interpreter-constraint", """{"interpreter-constraint": ">=3.9"}""", "interpreter-constraint=<4" },
        { "name", """{"name": "project"}""", "name=cli" },
        { "inject-args", """{"inject-args": ["-x"]}""", "inject-args=--cli" },
        { "inject-env", """{"inject-env": {"MODE": "project", "LEVEL": "3"}}""", "inject-env=MODE=cli LEVEL=3" },
        { "sources", """{"sources": ["src"]}""", $"sources=/cli {First}/src" },
        { "include", """{"include": ["data"]}""", $"include=/cli {First}/data" },
        { "find-links", """{"find-links": ["wheels"]}""", $"find-links=/cli {First}/wheels" },
        { "trusted-host", """{"trusted-host": ["a.example"]}""", "trusted-host=cli.example a.example" },
    };

    [Theory]
    [MemberData(nameof(CommandLineCases))]
    public void The_command_line_wins(string key, string table, string expected)
    {
        var merged = Merge(CommandLine(key), table, null);

        Assert.Equal(expected, Render(merged, key));
    }

    [Fact]
    public void A_value_the_command_line_overrides_is_still_checked()
    {
        var error = Assert.Throws<SatchelException>(() => Merge(CommandLine("module"), """{"module": 3}""", null));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Equal("[tool.satchel] module must be a string", error.Message);
    }

    [Fact]
    public void The_only_project_script_is_the_entry_unless_an_entry_was_given()
    {
        var scripts = new Dictionary<string, string> { ["tool"] = "pkg:main" };

        var alone = ProjectBuildOptions.Apply(new PythonBuildRequest { Output = "/work/app" }, [Project(First, null, scripts)], Log.Quiet);
        var named = ProjectBuildOptions.Apply(new PythonBuildRequest { Output = "/work/app" }, [Project(First, """{"module": "app"}""", scripts)], Log.Quiet);

        Assert.Equal("tool", alone.ConsoleScript);
        Assert.Equal(("app", null), (named.Module, named.ConsoleScript));
    }

    [Fact]
    public void Two_scripts_and_no_entry_is_a_usage_error_naming_them()
    {
        var scripts = new Dictionary<string, string> { ["b"] = "pkg:b", ["a"] = "pkg:a" };

        var error = Assert.Throws<SatchelException>(() => ProjectBuildOptions.Apply(new PythonBuildRequest { Output = "/work/app" }, [Project(First, null, scripts)], Log.Quiet));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Contains($"{First} has a, b", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_key_names_the_file()
    {
        var error = Assert.Throws<SatchelException>(() => Merge(new PythonBuildRequest { Output = "/work/app" }, """{"entry": "x"}""", null));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.StartsWith($"{First}/pyproject.toml: unknown key 'entry' in [tool.satchel]", error.Message, StringComparison.Ordinal);
    }

    private static PythonBuildRequest CommandLine(string key) => key switch
    {
        "module" => new() { Output = "/work/app", Module = "cli" },
        "console-script" => new() { Output = "/work/app", ConsoleScript = "cli" },
        "script" => new() { Output = "/work/app", Script = "/cli.py" },
        "interpreter-constraint" => new() { Output = "/work/app", InterpreterConstraint = "<4" },
        "name" => new() { Output = "/work/app", Name = "cli" },
        "inject-args" => new() { Output = "/work/app", InjectArgs = ["--cli"] },
        "inject-env" => new() { Output = "/work/app", InjectEnv = [new("MODE", "cli")] },
        "sources" => new() { Output = "/work/app", Sources = ["/cli"] },
        "include" => new() { Output = "/work/app", Includes = ["/cli"] },
        "find-links" => new() { Output = "/work/app", PackageSources = new() { FindLinks = ["/cli"] } },
        "trusted-host" => new() { Output = "/work/app", PackageSources = new() { TrustedHosts = ["cli.example"] } },
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, null),
    };

    /// <summary>The request's value for a key, and for an entry key also the other entry kinds the case names.</summary>
    private static string Render(PythonBuildRequest request, string key) => key switch
    {
        "module" when request.ConsoleScript is null && request.Script is null => $"module={request.Module}",
        "module" => $"module={request.Module} console-script={request.ConsoleScript} script={request.Script}",
        "console-script" when request.Module is null => $"console-script={request.ConsoleScript}",
        "console-script" => $"console-script={request.ConsoleScript} module={request.Module}",
        "script" => $"script={request.Script}",
        "interpreter-constraint" => $"interpreter-constraint={request.InterpreterConstraint}",
        "name" => $"name={request.Name}",
        "inject-args" => $"inject-args={string.Join(' ', request.InjectArgs)}",
        "inject-env" => $"inject-env={string.Join(' ', request.InjectEnv.Select(v => $"{v.Key}={v.Value}"))}",
        "sources" => $"sources={string.Join(' ', request.Sources)}",
        "include" => $"include={string.Join(' ', request.Includes)}",
        "find-links" => $"find-links={string.Join(' ', request.PackageSources.FindLinks)}",
        "trusted-host" => $"trusted-host={string.Join(' ', request.PackageSources.TrustedHosts)}",
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, null),
    };

    private static PythonBuildRequest Merge(PythonBuildRequest request, string first, string? second) =>
        ProjectBuildOptions.Apply(request, [Project(First, first), .. second is null ? Array.Empty<ProjectMetadata>() : [Project(Second, second)]], Log.Quiet);

    private static ProjectMetadata Project(string directory, string? table, IReadOnlyDictionary<string, string>? scripts = null) =>
        new(directory, true, "p", "1.0", [], scripts ?? new Dictionary<string, string>(), new Dictionary<string, string>(),
            table is null ? null : JsonDocument.Parse(table).RootElement.Clone());
}
