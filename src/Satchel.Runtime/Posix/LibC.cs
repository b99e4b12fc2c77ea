using System.Runtime.InteropServices;

namespace Satchel.Runtime.Posix;

/// <summary>
/// The few libc calls .NET does not expose: owner checks, realpath, advisory locks that a child
/// process can inherit, and execv. Unix only; callers branch on the OS first.
/// </summary>
internal static partial class LibC
{
    private const string Lib = "libc";

    public const int O_RDONLY = 0;
    public const int O_WRONLY = 1;
    public const int O_RDWR = 2;
    public const int LOCK_SH = 1;
    public const int LOCK_EX = 2;
    public const int LOCK_NB = 4;
    public const int LOCK_UN = 8;
    public const int EPERM = 1;
    public const int ENOENT = 2;
    public const int EINTR = 4;
    public const int EBADF = 9;
    public const int F_GETFD = 1;
    public const int EACCES = 13;
    public const int ENOTDIR = 20;
    public const int EEXIST = 17;
    public const int EWOULDBLOCK = 11;

    public static int O_CREAT => OperatingSystem.IsMacOS() ? 0x200 : 0x40;

    public static int O_EXCL => OperatingSystem.IsMacOS() ? 0x800 : 0x80;

    public static int O_CLOEXEC => OperatingSystem.IsMacOS() ? 0x1000000 : 0x80000;

    public static int O_NOFOLLOW => OperatingSystem.IsMacOS() ? 0x100 : (RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 0x8000 : 0x20000);

    [LibraryImport(Lib, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags, int mode);

    [LibraryImport(Lib, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    /// <summary>fcntl(2) with an int argument (or none: pass 0).</summary>
    [LibraryImport(Lib, EntryPoint = "fcntl", SetLastError = true)]
    public static partial int Fcntl(int fd, int command, int argument);

    public const int RTLD_LAZY = 1;

    /// <summary>dlopen(3): a handle, or 0 when the library (or one it needs) cannot be loaded.</summary>
    [LibraryImport(Lib, EntryPoint = "dlopen", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint DlOpen(string file, int mode);

    /// <summary>dlsym(3): the symbol's address, or 0 when the library does not export it.</summary>
    [LibraryImport(Lib, EntryPoint = "dlsym", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint DlSym(nint library, string symbol);

    [LibraryImport(Lib, EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, Span<byte> buffer, nint count);

    [LibraryImport(Lib, EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, ReadOnlySpan<byte> buffer, nint count);

    [LibraryImport(Lib, EntryPoint = "pwrite", SetLastError = true)]
    public static partial nint PWrite(int fd, ReadOnlySpan<byte> buffer, nint count, long offset);

    [LibraryImport(Lib, EntryPoint = "flock", SetLastError = true)]
    public static partial int Flock(int fd, int operation);

    [LibraryImport(Lib, EntryPoint = "mkdir", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int MkDir(string path, int mode);

    /// <summary>utimensat(2) with times = NULL: sets a file's access and modification times to now, following links.</summary>
    [LibraryImport(Lib, EntryPoint = "utimensat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int UtimeNow(int directoryFd, string path, IntPtr times, int flags);

    public static int AT_FDCWD => OperatingSystem.IsMacOS() ? -2 : -100;

    [LibraryImport(Lib, EntryPoint = "geteuid")]
    public static partial uint GetEuid();

    [LibraryImport(Lib, EntryPoint = "realpath", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr RealPath(string path, IntPtr resolved);

    [LibraryImport(Lib, EntryPoint = "readlink", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint ReadLink(string path, Span<byte> buffer, nint size);

    [LibraryImport(Lib, EntryPoint = "free")]
    public static partial void Free(IntPtr ptr);

    [LibraryImport(Lib, EntryPoint = "setenv", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SetEnv(string name, string value, int overwrite);

    [LibraryImport(Lib, EntryPoint = "unsetenv", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int UnsetEnv(string name);

    [LibraryImport(Lib, EntryPoint = "execv", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Execv(string path, IntPtr[] argv);

    /// <summary>RLIMIT_AS: the address-space limit `ulimit -v` sets.</summary>
    public const int RLIMIT_AS = 9;

    /// <summary>RLIM_INFINITY: no limit.</summary>
    public const ulong RlimInfinity = ulong.MaxValue;

    [LibraryImport(Lib, EntryPoint = "getrlimit")]
    public static partial int GetRLimit(int resource, out RLimit limit);

    [LibraryImport(Lib, EntryPoint = "setrlimit")]
    public static partial int SetRLimit(int resource, in RLimit limit);

    [StructLayout(LayoutKind.Sequential)]
    public struct RLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    [LibraryImport(Lib, EntryPoint = "strerror")]
    private static partial IntPtr StrErrorNative(int errno);

    [LibraryImport(Lib, EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    public static string StrError(int errno) => Marshal.PtrToStringUTF8(StrErrorNative(errno)) ?? $"errno {errno}";
}
