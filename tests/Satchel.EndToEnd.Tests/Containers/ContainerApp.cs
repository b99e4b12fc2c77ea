using Satchel.Testing;
using Satchel.Testing.Wheels;
using Xunit;

namespace Satchel.EndToEnd.Tests.Containers;

/// <summary>
/// One Python app for the container tests, built once: its own module and a wheel's, each
/// reporting whether Python found bytecode beside it and of which kind (PEP 552 flags), so a test
/// sees whether the app ran from compiled code without writing any. Built for Debian's
/// /usr/bin/python3.11 (python3.11-minimal, installed by scripts/install-test-prerequisites),
/// which every user can run, unlike the pyenv Pythons under root's home.
/// </summary>
public sealed class ContainerApp : IDisposable
{
    public const string Python = "/usr/bin/python3.11";

    private const string Main = """
        import importlib.util, os, sys
        import greet

        def bytecode(module):
            cached = importlib.util.cache_from_source(module.__file__)
            if not os.path.exists(cached):
                return "none"
            with open(cached, "rb") as f:
                flags = int.from_bytes(f.read(8)[4:8], "little")
            return {0: "timestamp", 1: "unchecked", 3: "checked"}.get(flags, "flags%d" % flags)

        print(greet.hello(), "greet=" + bytecode(greet), "main=" + bytecode(sys.modules["__main__"]), "uid=%d" % os.getuid())
        """;

    private readonly TempDirectory _dir = new("satchel-containers");

    public ContainerApp()
    {
        // Other users (uid 65534 in the tests) must reach the app file and the caches in here.
        File.SetUnixFileMode(_dir.Path, (UnixFileMode)0b111_101_101);
        var wheels = _dir.Combine("wheels");
        new WheelBuilder("greet", "1.0")
            .AddFile("greet/__init__.py", "def hello():\n    return 'hello from greet'\n")
            .Build(wheels);
        _dir.Write("src/main.py", Main);
        Path = Build("app");
    }

    /// <summary>Builds the app again into <paramref name="name"/>, with extra build options.</summary>
    public string Build(string name, params string[] extra)
    {
        var output = _dir.Combine(name);
        var build = SatchelCli.Run(["build", "--python", Python, "greet", "--no-index", "-f", _dir.Combine("wheels"), "--sources", _dir.Combine("src"), "-m", "main", "-o", output, "-q", .. extra]);
        Assert.True(build.ExitCode == 0, build.ToString());
        File.SetUnixFileMode(output, (UnixFileMode)0b111_101_101);
        return output;
    }

    /// <summary>The built app, executable by every user.</summary>
    public string Path { get; }

    /// <summary>What the app prints when both modules ran from the bytecode the build shipped or warm wrote.</summary>
    public static string Expected(int uid) => $"hello from greet greet=unchecked main=unchecked uid={uid}\n";

    /// <summary>A new, empty directory in the fixture's world-readable folder.</summary>
    public string NewDirectory(string name, UnixFileMode mode)
    {
        var path = _dir.Combine(name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        File.SetUnixFileMode(path, mode);
        return path;
    }

    public void Dispose() => _dir.Dispose();
}
