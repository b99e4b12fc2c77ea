using Satchel.Runtime.Python;
using System.Text;
using Satchel.Build.Wheels;
using Satchel.Runtime.Errors;
using Satchel.Testing;
using Satchel.Testing.Wheels;
using Xunit;

namespace Satchel.Build.Tests.Wheels;

/// <summary>Entry-point scripts and rewritten "#!python" scripts, executed for real by the kernel and Python 3.11.</summary>
public sealed class ConsoleScriptTests : IDisposable
{
    private const string Interpreter = InstalledDistributionWheels.DefaultInterpreter;
    private readonly TempDirectory _dir = new("satchel-scripts");

    public ConsoleScriptTests()
    {
        _dir.Write("mods/satchel_probe.py", """
            import sys
            class Obj:
                @staticmethod
                def run():
                    print("args", sys.argv[1:])
                    return 7
            obj = Obj()
            """);
    }

    private Dictionary<string, string?> Env => new() { ["PYTHONPATH"] = _dir.Combine("mods") };

    private string Script(string text) => _dir.Write("bin/probe", text, executable: true);

    /// <summary>A symlink to the real interpreter at <paramref name="directory"/>/python3.11, for interpreter paths of a chosen shape.</summary>
    private string InterpreterAt(string directory)
    {
        Directory.CreateDirectory(directory);
        var link = Path.Combine(directory, "python3.11");
        File.CreateSymbolicLink(link, Interpreter);
        return link;
    }

    [Fact]
    public void A_console_script_imports_the_callable_passes_arguments_and_exits_with_its_result()
    {
        var entryPoint = new EntryPoint(EntryPoint.ConsoleScripts, "probe", "satchel_probe", "obj.run", []);
        var text = ConsoleScript.Render(entryPoint.Module, entryPoint.Attribute, Interpreter);
        Assert.StartsWith($"#!{Interpreter}\n", text, StringComparison.Ordinal);
        Assert.Contains("from satchel_probe import obj\n", text, StringComparison.Ordinal);

        var result = ProcessRunner.Run(Script(text), ["a b", "c"], Env);
        Assert.True(result.ExitCode == 7, result.ToString());
        Assert.Equal("args ['a b', 'c']\n", result.StdOut);
    }

    [Fact]
    public void An_interpreter_path_too_long_for_a_shebang_line_runs_through_sh()
    {
        var deep = _dir.Combine(string.Join('/', Enumerable.Repeat("long-directory-name", 8)));
        var interpreter = InterpreterAt(deep);
        Assert.True(Encoding.UTF8.GetByteCount("#!" + interpreter) > ShebangLine.MaxDirectBytes);

        var text = ConsoleScript.Render("satchel_probe", "obj.run", interpreter);
        Assert.StartsWith("#!/bin/sh\n", text, StringComparison.Ordinal);
        var result = ProcessRunner.Run(Script(text), ["x"], Env);
        Assert.True(result.ExitCode == 7, result.ToString());
        Assert.Equal("args ['x']\n", result.StdOut);
    }

    [Fact]
    public void An_interpreter_path_with_a_space_runs_through_sh()
    {
        var interpreter = InterpreterAt(_dir.Combine("with space"));
        var text = ConsoleScript.Render("satchel_probe", "obj.run", interpreter);
        Assert.StartsWith("#!/bin/sh\n", text, StringComparison.Ordinal);
        var result = ProcessRunner.Run(Script(text), [], Env);
        Assert.True(result.ExitCode == 7, result.ToString());
    }

    [Fact]
    public void A_python_shebang_is_replaced_by_the_interpreter_and_the_rest_of_the_script_is_kept()
    {
        var original = "#!python -E\nimport sys\nprint(sys.argv[1:])\nsys.exit(3)\n"u8;
        Assert.True(PythonShebang.IsPresent(original));
        var rewritten = PythonShebang.Rewrite(original, Interpreter);
        Assert.Equal($"#!{Interpreter}\nimport sys\nprint(sys.argv[1:])\nsys.exit(3)\n", Encoding.UTF8.GetString(rewritten));

        var script = _dir.Combine("bin/rewritten");
        Directory.CreateDirectory(Path.GetDirectoryName(script)!);
        File.WriteAllBytes(script, rewritten);
        File.SetUnixFileMode(script, (UnixFileMode)0b111_101_101);
        var result = ProcessRunner.Run(script, ["z"]);
        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Equal("['z']\n", result.StdOut);
    }

    [Fact]
    public void Scripts_without_a_python_shebang_are_left_unchanged()
    {
        var shell = "#!/bin/sh\necho hi\n"u8.ToArray();
        Assert.False(PythonShebang.IsPresent(shell));
        Assert.Equal(shell, PythonShebang.Rewrite(shell, Interpreter));
    }

    [Fact]
    public void Interpreter_paths_no_script_header_can_express_are_refused_with_a_clear_error()
    {
        var quoted = "/opt/it's here/" + new string('x', 130) + "/python3";
        var e = Assert.Throws<SatchelException>(() => ShebangLine.For(quoted));
        Assert.Equal(ExitCodes.CantCreate, e.ExitCode);
        Assert.Contains(quoted, e.Message, StringComparison.Ordinal);
        Assert.Throws<SatchelException>(() => ShebangLine.For("/opt/a\nb/python3"));
        Assert.Throws<ArgumentException>(() => ShebangLine.For("python3"));

        // A quote is harmless in a short path: the kernel does not interpret it.
        Assert.Equal("#!/opt/it's/python3\n", ShebangLine.For("/opt/it's/python3"));
    }

    public void Dispose() => _dir.Dispose();
}
