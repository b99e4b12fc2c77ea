using System.Text;
using Satchel.Runtime.Format;
using Satchel.Runtime.Posix;

namespace Satchel.Runtime.Python;

/// <summary>
/// The small Python file a venv runs first: it drops its own directory from sys.path, makes
/// sys.argv[0] the path the user ran, honours SATCHEL_MODULE / SATCHEL_SCRIPT, and runs the
/// entry the way `python -m`, a console script or `python FILE` would. It also notices a venv
/// that lost files while its marker stayed (pyvenv.cfg or the .pth gone: Python would run without
/// the app's paths) and has the launcher assemble it anew, once.
/// </summary>
public static class BootScript
{
    public const string FileName = "boot.py";

    /// <summary>
    /// The module holding the real work. boot.py only imports it: a script run as __main__ is
    /// compiled on every start, an imported module's bytecode is cached beside it.
    /// </summary>
    public const string ModuleName = "_satchel_boot";

    /// <summary>The text of boot.py itself.</summary>
    public const string Stub = "# Written by satchel: starts this app's entry (see _satchel_boot.py).\nimport _satchel_boot\n_satchel_boot.main()\n";

    /// <summary>
    /// The file the venv's Python runs: the boot module's own bytecode once the first start's
    /// import has written it (`__pycache__/_satchel_boot.cpython-3X.pyc`, run as the main script:
    /// no compile of boot.py, no search for the module, ~0.3 ms of every start), else boot.py.
    /// One lstat. Python never checks a script .pyc against its source, so a repair of the venv
    /// removes that bytecode (VenvRepair).
    /// </summary>
    public static string EntryFile(string venv, PythonInterpreter interpreter)
    {
        var boot = Path.Combine(venv, VenvAssembler.BootDirectory);
        var compiled = Path.Combine(boot, BytecodeDirectory, string.Concat(ModuleName, ".", interpreter.CacheTag, ".pyc"));
        var present = UnixFileStatus.TypeOf(compiled) is { } type ? type == UnixFileStatus.RegularType : File.Exists(compiled);
        return present ? compiled : Path.Combine(boot, FileName);
    }

    public const string BytecodeDirectory = "__pycache__";

    /// <summary>Set while the app is started again after its venv was found damaged; a second damage is an error.</summary>
    public const string RepairVariable = "SATCHEL_VENV_REPAIR";

    /// <param name="spec">The app's launch: its Python entry and how many arguments the launcher injects.</param>
    /// <param name="appDir">The app unit's files (a script entry lies there).</param>
    /// <param name="venv">The cache venv's final directory, or null in a standalone venv (`satchel venv`), which no launcher repairs.</param>
    /// <param name="pthFile">The venv's .pth file (final path) that puts the app's units on sys.path; null with <paramref name="venv"/>.</param>
    public static string Render(LaunchSpec spec, string appDir, string? venv, string? pthFile)
    {
        var launch = spec.Python!;
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
        text.Append("VENV = ").Append(venv is null ? "None" : PythonLiteral.Of(venv)).Append('\n');
        text.Append("PTH = ").Append(pthFile is null ? "None" : PythonLiteral.Of(pthFile)).Append('\n');
        text.Append("MARKER = ").Append(venv is null ? "None" : PythonLiteral.Of(Path.Combine(venv, Cache.AtomicDirectory.CompleteMarker))).Append('\n');
        text.Append("INJECTED = ").Append(spec.InjectArgs.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        text.Append("REPAIR = ").Append(PythonLiteral.Of(RepairVariable)).Append('\n');
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


        def check_venv():
            # A temp cleaner or a stray rm can take files from a venv while its marker stays.
            # Without pyvenv.cfg Python runs as the base interpreter, without the .pth it lacks
            # the app's paths: either way the app would fail with a misleading ImportError. The
            # marker is removed and the app started again (same arguments): the launcher then
            # assembles the venv anew. Once only: damage that survives that is reported.
            repairing = os.environ.pop(REPAIR, None)
            if VENV is None or sys.prefix != sys.base_prefix and os.path.exists(PTH):
                return
            reason = PTH + " is missing" if sys.prefix != sys.base_prefix else "its pyvenv.cfg is missing"
            app = os.environ.get("SATCHEL_APP")
            if repairing or not app:
                sys.stderr.write("satchel: the app's Python environment %s is damaged (%s) and could not be repaired; "
                                 "remove that directory and run the app again\n" % (VENV, reason))
                sys.exit(69)
            try:
                os.remove(MARKER)
            except FileNotFoundError:
                pass
            os.environ[REPAIR] = "1"
            release_cache_locks()
            os.execv(app, [app] + sys.argv[1 + INJECTED:])


        def open_paths():
            # (descriptor, path) of this process's open files: /proc on Linux, F_GETPATH on macOS.
            try:
                names = os.listdir("/proc/self/fd")
            except OSError:
                import fcntl
                for fd in range(3, 1024):
                    try:
                        yield fd, fcntl.fcntl(fd, 50, bytes(1024)).split(b"\0", 1)[0].decode()
                    except (OSError, ValueError):
                        pass
                return
            for name in names:
                try:
                    yield int(name), os.readlink("/proc/self/fd/" + name)
                except OSError:
                    pass


        def release_cache_locks():
            # The launcher's shared in-use locks (docs/cache-layout.md) were inherited by this
            # process and would be inherited again by the launcher started next, which must lock
            # the venv exclusively to rebuild it: its own shared lock would block it forever.
            schema = os.path.realpath(os.path.dirname(os.path.dirname(VENV))) + os.sep
            for fd, path in list(open_paths()):
                if fd > 2 and path.startswith(schema) and path.endswith(".lock"):
                    os.close(fd)


        def main():
            # sys.path[0] is boot.py's directory; the app must not see it.
            del sys.path[0]
            check_venv()
            app = os.environ.get("SATCHEL_APP")
            if app:
                sys.argv[0] = app
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
            else:
                run_script(entry)


        if __name__ == "__main__":
            # Run directly from its bytecode (see BootScript.EntryFile).
            main()
        """;
}
