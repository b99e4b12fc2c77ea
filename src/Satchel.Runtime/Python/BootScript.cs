using System.Text;
using Satchel.Runtime.Format;

namespace Satchel.Runtime.Python;

/// <summary>
/// The Python module that bin/APPNAME of a standalone venv (`satchel venv`) runs: it makes
/// sys.argv[0] that script's path, honours SATCHEL_MODULE / SATCHEL_SCRIPT, and runs the entry the
/// way `python -m`, a console script or `python FILE` would. A built app's own start needs none
/// of it: the launcher starts the entry with Python directly (Launch/PythonLaunchPlan.cs).
/// </summary>
public static class BootScript
{
    /// <summary>The module's name, in the standalone venv's satchel/ directory.</summary>
    public const string ModuleName = "_satchel_boot";

    /// <param name="spec">The app's launch: its Python entry.</param>
    /// <param name="appDir">The app unit's files (a script entry lies there).</param>
    /// <param name="bin">The venv's bin/ (console and data scripts lie there).</param>
    public static string Render(LaunchSpec spec, string appDir, string bin)
    {
        var launch = spec.Python!;
        var (kind, entry) = launch.EntryKind switch
        {
            PythonEntryKind.Module => ("module", launch.Entry),
            PythonEntryKind.Callable => ("callable", launch.Entry),
            PythonEntryKind.VenvScript => ("script", Path.Combine(bin, launch.Entry)),
            PythonEntryKind.VenvExecutable => ("executable", Path.Combine(bin, launch.Entry)),
            _ => ("script", Path.Combine(appDir, launch.Entry)),
        };
        var text = new StringBuilder();
        text.Append("# Written by satchel venv: starts this app's entry.\n");
        text.Append("import os, sys\n\n");
        text.Append("KIND = ").Append(PythonLiteral.Of(kind)).Append('\n');
        text.Append("ENTRY = ").Append(PythonLiteral.Of(entry)).Append('\n');
        text.Append("BIN = ").Append(PythonLiteral.Of(bin)).Append('\n');
        text.Append(Body);
        return text.ToString();
    }

    private const string Body = """


        def find_spec(name):
            # The finders of sys.meta_path, as importlib.util.find_spec uses them, without
            # importing importlib (a few ms on every start): parents are imported with __import__.
            parent, _, _ = name.rpartition(".")
            path = None
            if parent:
                __import__(parent)
                path = sys.modules[parent].__path__
            for finder in sys.meta_path:
                find = getattr(finder, "find_spec", None)
                spec = find(name, path) if find else None
                if spec is not None:
                    return spec
            return None


        def run_module(name):
            # What `python -m NAME` does (a package runs its __main__), keeping argv[0] as the path
            # the user ran and without runpy's imports; runpy is the fallback for unusual loaders.
            spec = find_spec(name)
            if spec is not None and spec.submodule_search_locations is not None:
                __import__(name)
                spec = find_spec(name + ".__main__")
            get_code = getattr(spec.loader, "get_code", None) if spec is not None else None
            if get_code is None:
                import runpy
                runpy._run_module_as_main(name, alter_argv=False)
                return
            main = type(sys)("__main__")
            main.__file__ = spec.origin
            main.__spec__ = spec
            main.__loader__ = spec.loader
            main.__package__ = spec.parent
            main.__builtins__ = __builtins__
            sys.modules["__main__"] = main
            exec(get_code(spec.name), main.__dict__)


        def run_script(path):
            # What `python FILE` does, keeping argv[0] as the path the user ran (runpy.run_path
            # sets it to FILE while the script runs).
            path = os.path.abspath(path)
            sys.path.insert(0, os.path.dirname(path))
            main = type(sys)("__main__")
            main.__file__ = path
            main.__cached__ = None
            main.__loader__ = None
            main.__spec__ = None
            main.__package__ = None
            main.__builtins__ = __builtins__
            sys.modules["__main__"] = main
            with open(path, "rb") as f:
                source = f.read()
            exec(compile(source, path, "exec"), main.__dict__)


        def main():
            kind, entry = KIND, ENTRY
            if os.environ.get("SATCHEL_SCRIPT"):
                kind, entry = "script", os.environ["SATCHEL_SCRIPT"]
            elif os.environ.get("SATCHEL_MODULE"):
                kind, entry = "callable" if ":" in os.environ["SATCHEL_MODULE"] else "module", os.environ["SATCHEL_MODULE"]
            if kind == "module":
                run_module(entry)
            elif kind == "callable":
                module, _, attrs = entry.partition(":")
                __import__(module)
                target = sys.modules[module]
                for attr in attrs.split("."):
                    target = getattr(target, attr)
                sys.exit(target())
            elif kind == "executable":
                os.environ["PATH"] = BIN + os.pathsep + os.environ.get("PATH", "")
                os.execv(entry, [entry] + sys.argv[1:])
            else:
                run_script(entry)
        """;
}
