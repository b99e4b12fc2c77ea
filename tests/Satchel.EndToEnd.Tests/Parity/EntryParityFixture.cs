using Satchel.Testing;
using Satchel.Testing.Parity;
using Satchel.Testing.Wheels;

namespace Satchel.EndToEnd.Tests.Parity;

/// <summary>
/// Wheels made for the parity tests and the pip venv they are compared with: `oldcli` has a
/// console script whose import raises a DeprecationWarning attributed to the script (as
/// jsonschema's CLI does), a function that crashes on request, a `#!python` data script, a shell
/// data script and a `__main__` module; `twin` provides a script of the same name as oldcli's.
/// </summary>
public sealed class EntryParityFixture : IDisposable
{
    public const string Python = InstalledDistributionWheels.DefaultInterpreter;

    private readonly TempDirectory _dir = new("satchel-parity");

    public EntryParityFixture()
    {
        Directory.CreateDirectory(Wheels);
        new WheelBuilder("oldcli", "1.0")
            .AddFile("oldcli/__init__.py", """
                import sys, warnings


                def __getattr__(name):
                    if name == "main":
                        warnings.warn("oldcli.main is deprecated; use oldcli.run", DeprecationWarning, stacklevel=2)
                        return run
                    raise AttributeError(name)


                def report(kind):
                    main = sys.modules["__main__"]
                    print(kind, "file", getattr(main, "__file__", None), "name", main.__name__, "package", main.__package__,
                          "spec", getattr(main.__spec__, "name", None), "path0", sys.path[0])
                    print(kind, "argv", sys.argv)


                def run():
                    report("script")
                    if sys.argv[1:] == ["crash"]:
                        return fail()
                    return 3


                def fail():
                    raise RuntimeError("oldcli failed on purpose")
                """)
            .AddFile("oldcli/__main__.py", "import oldcli\noldcli.report('module')\n")
            .AddEntryPoint("console_scripts", "oldcli", "oldcli:main")
            .AddData("scripts", "oldcli-data", "#!python\nimport oldcli\noldcli.report('data')\n", executable: true)
            .AddData("scripts", "oldcli-sh", "#!/bin/sh\necho \"sh $# $*\"\nexec python -c 'import oldcli, sys; print(\"python\", oldcli.__name__)'\n", executable: true)
            .Build(Wheels);
        new WheelBuilder("twin", "2.0")
            .AddFile("twin/__init__.py", "def main():\n    print('twin')\n")
            .AddEntryPoint("console_scripts", "oldcli-data", "twin:main")
            .Build(Wheels);
        Venv = PipVenv.Create(Python, _dir.Combine("venv"), Wheels, ["oldcli"]);
    }

    public string Wheels => _dir.Combine("wheels");

    /// <summary>oldcli installed by pip.</summary>
    public PipVenv Venv { get; }

    public void Dispose() => _dir.Dispose();
}
