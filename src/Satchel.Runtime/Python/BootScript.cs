using System.Text;
using Satchel.Runtime.Format;

namespace Satchel.Runtime.Python;

/// <summary>
/// The small Python file a venv runs first: it drops its own directory from sys.path, makes
/// sys.argv[0] the path the user ran, honours SATCHEL_MODULE / SATCHEL_SCRIPT, and runs the
/// entry the way `python -m`, a console script or `python FILE` would.
/// </summary>
public static class BootScript
{
    public const string FileName = "boot.py";

    public static string Render(PythonLaunch launch, string appDir)
    {
        var kind = launch.EntryKind switch
        {
            PythonEntryKind.Module => "module",
            PythonEntryKind.Callable => "callable",
            _ => "script",
        };
        var entry = launch.EntryKind == PythonEntryKind.Script ? Path.Combine(appDir, launch.Entry) : launch.Entry;
        var text = new StringBuilder();
        text.Append("# Written by satchel: starts this app's entry. Do not edit (the cache is rebuilt).\n");
        text.Append("import os, sys\n\n");
        text.Append("KIND = ").Append(PythonLiteral.Of(kind)).Append('\n');
        text.Append("ENTRY = ").Append(PythonLiteral.Of(entry)).Append('\n');
        text.Append(Body);
        return text.ToString();
    }

    private const string Body = """


        def main():
            # sys.path[0] is this file's directory; the app must not see it.
            del sys.path[0]
            app = os.environ.get("SATCHEL_APP")
            if app:
                sys.argv[0] = app
            kind, entry = KIND, ENTRY
            if os.environ.get("SATCHEL_SCRIPT"):
                kind, entry = "script", os.environ["SATCHEL_SCRIPT"]
            elif os.environ.get("SATCHEL_MODULE"):
                kind, entry = "callable" if ":" in os.environ["SATCHEL_MODULE"] else "module", os.environ["SATCHEL_MODULE"]
            if kind == "module":
                import runpy
                # What `python -m` does, but keeping argv[0] as the path the user ran.
                runpy._run_module_as_main(entry, alter_argv=False)
            elif kind == "callable":
                import importlib
                module, _, attrs = entry.partition(":")
                target = importlib.import_module(module)
                for attr in attrs.split("."):
                    target = getattr(target, attr)
                sys.exit(target())
            else:
                import runpy
                sys.path.insert(0, os.path.dirname(os.path.abspath(entry)))
                runpy.run_path(entry, run_name="__main__")


        main()

        """;
}
