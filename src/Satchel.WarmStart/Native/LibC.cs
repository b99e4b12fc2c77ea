using System.Runtime.InteropServices;

namespace Satchel.WarmStart.Native;

/// <summary>
/// The C library calls the stub makes, bound at link time (DirectPInvoke). Every one exists at
/// GLIBC_2.17 or older; memfd_create and execveat, which glibc wraps only since 2.27 and 2.34, go
/// through syscall(2). Numbers and flags are per architecture (ARM64 is defined for linux-arm64).
/// </summary>
internal static unsafe class LibC
{
    public const int O_RDONLY = 0;
    public const int O_RDWR = 2;
    public const int O_CLOEXEC = 0x80000;
#if ARM64
    public const int O_NOFOLLOW = 0x8000;
    public const long SysMemfdCreate = 279;
    public const long SysExecveat = 281;
#else
    public const int O_NOFOLLOW = 0x20000;
    public const long SysMemfdCreate = 319;
    public const long SysExecveat = 322;
#endif
    public const int AtFdCwd = -100;
    public const int AtEmptyPath = 0x1000;
    public const uint MfdCloexec = 1;
    public const int LockShared = 1;
    public const int LockNonBlocking = 4;
    public const int ClockRealtime = 0;
    public const int ClockBoottime = 7;
    public const int SigPipe = 13;
    public const int Enoent = 2;
    public const int Eacces = 13;
    public const int Enosys = 38;
    public const ulong AtExecFn = 31;
    public const int SeekEnd = 2;
    public const int FGetfd = 1;
    public const int FDupfdCloexec = 1030;

    [DllImport("libc")] public static extern int open(byte* path, int flags, int mode);
    [DllImport("libc")] public static extern int close(int fd);
    [DllImport("libc")] public static extern int getrlimit(int resource, ulong* limits);
    [DllImport("libc")] public static extern int fcntl(int fd, int command, int argument);
    [DllImport("libc")] public static extern nint pread(int fd, byte* buffer, nint count, long offset);
    [DllImport("libc")] public static extern nint read(int fd, byte* buffer, nint count);
    [DllImport("libc")] public static extern nint write(int fd, byte* buffer, nint count);
    [DllImport("libc")] public static extern long lseek(int fd, long offset, int whence);
    [DllImport("libc")] public static extern int lstat(byte* path, byte* buffer);
    [DllImport("libc")] public static extern int stat(byte* path, byte* buffer);
    [DllImport("libc")] public static extern int statvfs(byte* path, byte* buffer);
    [DllImport("libc")] public static extern nint readlink(byte* path, byte* buffer, nint size);
    [DllImport("libc")] public static extern byte* realpath(byte* path, byte* resolved);
    [DllImport("libc")] public static extern byte* getcwd(byte* buffer, nint size);
    [DllImport("libc")] public static extern uint geteuid();
    [DllImport("libc")] public static extern int flock(int fd, int operation);
    [DllImport("libc")] public static extern int utimensat(int dirfd, byte* path, void* times, int flags);
    [DllImport("libc")] public static extern int clock_gettime(int clock, long* timespec);
    [DllImport("libc")] public static extern nint signal(int signal, nint handler);
    [DllImport("libc")] public static extern int execve(byte* path, byte** argv, byte** envp);
    [DllImport("libc")] public static extern long syscall(long number, long a, long b, long c, long d, long e);
    [DllImport("libc")] public static extern nint sendfile(int outFd, int inFd, long* offset, nint count);
    [DllImport("libc")] public static extern int mkstemp(byte* template);
    [DllImport("libc")] public static extern int fchmod(int fd, uint mode);
    [DllImport("libc")] public static extern int unlink(byte* path);
    [DllImport("libc")] public static extern ulong getauxval(ulong type);
    [DllImport("libc")] public static extern int* __errno_location();
    [DllImport("libc")] public static extern byte* strerror(int errno);
    [DllImport("libc")] public static extern void* malloc(nint size);
    [DllImport("libc")] public static extern void abort();
    [DllImport("libc")] public static extern void _exit(int status);

    public static int Errno => *__errno_location();
}
