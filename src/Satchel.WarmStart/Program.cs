using System.Runtime;
using Satchel.WarmStart.Native;

namespace Satchel.WarmStart;

/// <summary>
/// The warm-start stub at the front of every Linux app (docs/launcher.md, "The warm-start stub"):
/// a program compiled by NativeAOT without .NET's runtime (no GC, no threads, no runtime start-up),
/// which starts an app whose cache is ready at the cost of an exec and a few dozen system calls,
/// by replaying the start record the full launcher left, and hands everything else to the full
/// launcher (Handover).
/// </summary>
internal static unsafe class Program
{
    /// <summary>The C# entry point the compiler requires; the process starts in <see cref="NativeMain"/>.</summary>
    private static int Main() => 0;

    [RuntimeExport("main")]
    private static int NativeMain(int argc, byte** argv, byte** envp)
    {
        ProcessEnvironment.Init(envp);
        var self = SelfPath();
        if (self == null)
        {
            var line = CString.From("satchel: cannot find the path of this app (is /proc mounted?)\n");
            LibC.write(2, line, CString.Length(line));
            return 69;
        }

        var fd = LibC.open(self, LibC.O_RDONLY | LibC.O_CLOEXEC, 0);
        if (fd < 0)
        {
            // The full launcher is in this file too: it cannot be started either. Its words, its exit code (66).
            var line = CString.Concat(CString.From("satchel: cannot open "), self, CString.Concat(CString.From(": "), LibC.strerror(LibC.Errno), CString.From("\n")));
            LibC.write(2, line, CString.Length(line));
            return 66;
        }

        fd = ClosedStdio.Guard(fd);

        if (WarmStartAllowed())
        {
            var appId = AppTail.ReadAppId(fd);
            var root = appId == null ? null : CacheRootLocator.Find();
            if (root != null)
            {
                StartRecord.Replay(root, appId, UserPath(argc, argv, self), argc, argv);

                // Not served (or the entry's execve failed): the full launcher starts from the environment as it came.
                ProcessEnvironment.Init(envp);
            }
        }

        return Handover.Run(fd, self, argv);
    }

    /// <summary>
    /// Settings that change what a start does (verbose output, tools, verify, another entry, temp
    /// mode, …) are the full launcher's: the stub serves only starts without them. Allowed are
    /// the variables a start record checks itself or that matter only when the full launcher
    /// works (timeouts, the build's launcher), and those an app passes to the apps it starts.
    /// The same list is Satchel.Runtime's WarmStartRecord.StubAllows.
    /// </summary>
    private static bool WarmStartAllowed()
    {
        var prefix = CString.From("SATCHEL_");
        for (var i = 0; i < ProcessEnvironment.Count; i++)
        {
            var entry = ProcessEnvironment.Entry(i);
            if (CString.StartsWith(entry, prefix) && !Allowed(entry + 8))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Allowed(byte* name) =>
        Is(name, "ROOT=") || Is(name, "APP=") || Is(name, "APP_DIR=") || Is(name, "ARGV0=") || Is(name, "PYTHON=")
        || Is(name, "LAUNCHER=") || Is(name, "RESOLVE_JOBS=") || Is(name, "LOCK_TIMEOUT=") || Is(name, "PROBE_TIMEOUT=") || Is(name, "DELETE_TIMEOUT=")
        || Is(name, "DURABLE=") || Is(name, "TEMP=") || Is(name, "IN_USE_LOCKS=");

    private static bool Is(byte* name, string literal) => CString.StartsWith(name, CString.From(literal));

    /// <summary>
    /// The app file: one readlink of /proc/self/exe (as the full launcher), else the path the
    /// kernel was asked to execute (AT_EXECFN: relative to the working directory, unchanged so far).
    /// </summary>
    private static byte* SelfPath()
    {
        var buffer = (byte*)LibC.malloc(4097);
        var length = LibC.readlink(CString.From("/proc/self/exe"), buffer, 4096);
        if (length > 0 && length < 4096 && buffer[0] == (byte)'/')
        {
            buffer[length] = 0;
            var deleted = CString.From(" (deleted)");
            if (length < 10 || !CString.Equal(buffer + length - 10, deleted))
            {
                return buffer;
            }
        }

        var execFn = (byte*)LibC.getauxval(LibC.AtExecFn);
        return execFn == null ? null : FullPath.Of(execFn);
    }

    /// <summary>
    /// SATCHEL_APP's value, as the full launcher computes it (AppLauncher.UserPath): argv[0] made
    /// absolute when it names an existing file by a path, else the app file itself.
    /// </summary>
    private static byte* UserPath(int argc, byte** argv, byte* self)
    {
        if (argc > 0 && CString.Contains(argv[0], (byte)'/') && FileStatus.TryStat(argv[0], out var status) && status.Type != FileStatus.Directory)
        {
            var full = FullPath.Of(argv[0]);
            if (full != null)
            {
                return full;
            }
        }

        return self;
    }
}
