using Satchel.Runtime.Configuration;

namespace Satchel.Runtime.Python;

/// <summary>
/// The only Satchel code that runs in an app's Python process, and it has returned before the
/// entry starts: a module in the venv's site-packages that the venv's .pth file imports while
/// `site` runs (docs/launcher.md, "How a Python entry starts"). It makes `sys.argv[0]` the path
/// the user ran, from <see cref="SatchelVariables.Argv0"/>, which it removes so that the app's own Python
/// subprocesses do not inherit it. Everything else the former boot module did (choosing the
/// entry, checking the venv) is the launcher's, so the entry is started by Python itself
/// (`python SCRIPT`, `python -m MODULE`) at the frame depth a venv gives it: no Satchel frame in
/// a traceback, warnings attributed to the app's own script, the same warning filters on every
/// start.
/// </summary>
public static class StartHook
{
    public const string ModuleName = "_satchel_start";

    public const string FileName = ModuleName + ".py";

    /// <summary>
    /// The .pth line: imports the module only when the launcher asked for it (site reads a venv's
    /// .pth files twice on some versions, and SATCHEL_INTERPRETER=1 sets no variable), and leaves
    /// no module behind in sys.modules.
    /// </summary>
    public const string PthLine = "import os, sys; \"" + SatchelVariables.Argv0 + "\" in os.environ and __import__(\"" + ModuleName + "\") and sys.modules.pop(\"" + ModuleName + "\")\n";

    public const string Text = """
        # Written by satchel: run by _satchel.pth while site starts, before the app's entry, never
        # under it (docs/launcher.md). It only makes sys.argv[0] the path the user ran.
        import os
        import sys


        def _set_argv0():
            path = os.environ.pop("SATCHEL_ARGV0", None)
            if path is None:
                return
            if sys.argv[:1] == ["-m"]:
                # `python -m` sets argv[0] to the module's file right before the module runs;
                # that one assignment puts the user's path back and a plain list in its place.
                class Argv(list):
                    __slots__ = ()

                    def __setitem__(self, index, value):
                        sys.argv = [path] + self[1:]

                sys.argv = Argv([path] + sys.argv[1:])
            elif sys.argv:
                sys.argv[0] = path


        _set_argv0()

        """;
}
