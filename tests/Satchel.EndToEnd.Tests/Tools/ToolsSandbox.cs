using Satchel.Testing;
using Xunit;

namespace Satchel.EndToEnd.Tests.Tools;

/// <summary>A private cache root and helpers to pack and run apps for the tools' tests.</summary>
public sealed class ToolsSandbox : IDisposable
{
    private readonly TempDirectory _dir = new("satchel-tools");

    public string Root => _dir.Combine("cache");

    public string Combine(params string[] parts) => _dir.Combine(parts);

    public string Write(string relative, string content, bool executable = false) => _dir.Write(relative, content, executable);

    public Dictionary<string, string?> Env(params (string Key, string? Value)[] extra)
    {
        var env = new Dictionary<string, string?>
        {
            ["SATCHEL_ROOT"] = Root,
            ["SATCHEL_VERBOSE"] = null,
            ["SATCHEL_TOOLS"] = null,
            ["SATCHEL_VERIFY"] = null,
            ["PYTHONPATH"] = null,
        };
        foreach (var (key, value) in extra)
        {
            env[key] = value;
        }

        return env;
    }

    /// <summary>Packs <paramref name="source"/> (relative to the sandbox) with entry <paramref name="entry"/> into an app named <paramref name="name"/>.</summary>
    public string Pack(string source, string entry, string name)
    {
        var output = _dir.Combine(name);
        var result = SatchelCli.Run(["pack", _dir.Combine(source), "--entry", entry, "-o", output, "-q"]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return output;
    }

    /// <summary>Builds a Python app of one module <paramref name="module"/> (its code <paramref name="code"/>, run with -m) with the real Python 3.11, offline and without wheels.</summary>
    public string BuildModuleApp(string module, string code)
    {
        Write($"py/{module}.py", code);
        Directory.CreateDirectory(Combine("no-wheels"));
        var app = Combine(module);
        var build = SatchelCli.Run(["build", "--python", RealPythons.Python311, "--no-index", "-f", Combine("no-wheels"),
            "--sources", Combine("py"), "-m", module, "-o", app, "-q"]);
        Assert.True(build.ExitCode == 0, build.ToString());
        return app;
    }

    public ProcessResult Cli(params string[] args) => SatchelCli.Run(args, Env());

    public ProcessResult Run(string app, IEnumerable<string>? args = null, params (string Key, string? Value)[] extra) =>
        ProcessRunner.Run(app, args ?? [], Env(extra));

    public string UnitFiles(string keyHex) => Path.Combine(Root, "v1", "units", keyHex, "files");

    public string UnitDir(string keyHex) => Path.Combine(Root, "v1", "units", keyHex);

    public void Dispose() => _dir.Dispose();
}
