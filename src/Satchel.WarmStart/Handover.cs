using Satchel.WarmStart.Native;

namespace Satchel.WarmStart;

/// <summary>
/// Starts the full launcher, which the app file carries right after this stub (docs/format.md,
/// "The launcher"): its bytes are copied into a memfd and executed from there, with
/// SATCHEL_HANDOVER naming the app file and the user's argv unchanged. Where memfd_create or
/// execveat is missing (kernels before 3.17 and 3.19) or executing a memfd is forbidden
/// (vm.memfd_noexec), into a private file in $TMPDIR (else /tmp) instead, unlinked before it is
/// executed through a descriptor. Returns only when neither works, having printed one line.
/// </summary>
internal static unsafe class Handover
{
    private const int ElfHeaderSize = 64;

    public static int Run(int fd, byte* self, byte** argv)
    {
        long offset = 0;
        long length = 0;
        if (!Locate(fd, ref offset, ref length))
        {
            return Fail(self, CString.From("its launcher is damaged or incomplete (no full launcher after the warm-start stub); download or build it again"), 0);
        }

        ProcessEnvironment.Set(CString.From("SATCHEL_HANDOVER"), self);
        FitGcToAddressSpaceLimit();
        var memfd = (int)LibC.syscall(LibC.SysMemfdCreate, (long)CString.From("satchel-launcher"), LibC.MfdCloexec, 0, 0, 0);
        var memfdError = memfd < 0 ? LibC.Errno : 0;
        if (memfd >= 0)
        {
            if (Copy(fd, memfd, offset, length))
            {
                LibC.syscall(LibC.SysExecveat, memfd, (long)CString.From(""), (long)argv, (long)ProcessEnvironment.Block, LibC.AtEmptyPath);
            }

            memfdError = LibC.Errno;
            LibC.close(memfd);
        }

        var directory = ProcessEnvironment.Get("TMPDIR");
        if (directory == null || directory[0] != (byte)'/')
        {
            directory = CString.From("/tmp");
        }

        var path = FullPath.Combine(directory, CString.From("satchel-launcher-XXXXXX"));
        var file = LibC.mkstemp(path);
        if (file < 0)
        {
            var fileError = LibC.Errno;
            return Fail(self, Both(memfdError, CString.Concat(CString.From("nor from a file in "), directory)), fileError);
        }

        var copied = LibC.fchmod(file, 0b111_000_000) == 0 && Copy(fd, file, offset, length);
        var copyError = copied ? 0 : LibC.Errno;
        LibC.close(file);
        var copy = copied ? LibC.open(path, LibC.O_RDONLY | LibC.O_CLOEXEC, 0) : -1;
        copyError = copied && copy < 0 ? LibC.Errno : copyError;

        // The copy is executed through a descriptor after it is unlinked, so nothing stays in TMPDIR
        // whatever becomes of the launcher (killed, or failing before its Main). Without execveat
        // (kernels before 3.19) through /proc/self/fd, as glibc's fexecve does.
        LibC.unlink(path);
        if (copy >= 0)
        {
            LibC.syscall(LibC.SysExecveat, copy, (long)CString.From(""), (long)argv, (long)ProcessEnvironment.Block, LibC.AtEmptyPath);
            copyError = LibC.Errno;
            if (copyError == LibC.Enosys)
            {
                LibC.execve(CString.Concat(CString.From("/proc/self/fd/"), CString.Number((ulong)copy, 10)), argv, ProcessEnvironment.Block);
                copyError = LibC.Errno;
            }

            LibC.close(copy);
        }

        var what = Both(memfdError, CString.Concat(CString.From("nor from a copy in "), directory));
        if (copyError == LibC.Eacces)
        {
            what = CString.Concat(what, CString.From(": "), CString.Concat(LibC.strerror(copyError), CString.From(" (is it mounted noexec? set TMPDIR to a directory that allows execution)")));
            return Fail(self, what, 0);
        }

        return Fail(self, what, copyError);
    }

    /// <summary>
    /// The full launcher's GC reserves 512 MB of address space at start (GCRegionRange, baked in);
    /// under a smaller `ulimit -v` it could not start at all and .NET exits 255 without a word.
    /// So under a limit the range is half of it (at most the 512 MB, at least 16 MB), through
    /// DOTNET_GCRegionRange, unless the user set that; SATCHEL_HANDOVER_GC tells the full launcher
    /// to remove both before the app sees them (StubHandover). An awscli first run needs under
    /// 128 MB of range.
    /// </summary>
    private static void FitGcToAddressSpaceLimit()
    {
        const int RlimitAs = 9;
        const ulong Baked = 0x20000000;
        var limits = (ulong*)LibC.malloc(16);
        if (LibC.getrlimit(RlimitAs, limits) != 0 || limits[0] == ~0UL || limits[0] / 2 >= Baked
            || ProcessEnvironment.Get("DOTNET_GCRegionRange") != null)
        {
            return;
        }

        var range = limits[0] / 2 & ~0x3FFFFFUL; // whole 4 MB regions
        ProcessEnvironment.Set(CString.From("DOTNET_GCRegionRange"), CString.Number(range < 0x1000000 ? 0x1000000 : range, 16));
        ProcessEnvironment.Set(CString.From("SATCHEL_HANDOVER_GC"), CString.From("1"));
    }

    /// <summary>"cannot start its launcher from a memfd (ERROR) " then <paramref name="then"/>.</summary>
    private static byte* Both(int memfdError, byte* then) =>
        CString.Concat(CString.From("cannot start its launcher from a memfd ("), memfdError == 0 ? CString.From("not tried") : LibC.strerror(memfdError), CString.Concat(CString.From(") "), then));

    /// <summary>
    /// Where the full launcher is: it starts where this stub's ELF image ends (its section
    /// headers come last), and is as long as its own ELF header says.
    /// </summary>
    private static bool Locate(int fd, ref long offset, ref long length)
    {
        var header = (byte*)LibC.malloc(ElfHeaderSize);
        if (fd < 0 || LibC.pread(fd, header, ElfHeaderSize, 0) != ElfHeaderSize || !ElfEnd(header, out offset)
            || LibC.pread(fd, header, ElfHeaderSize, offset) != ElfHeaderSize || !ElfEnd(header, out length))
        {
            return false;
        }

        // A file cut off inside the full launcher (an interrupted download) is not started.
        return offset + length <= LibC.lseek(fd, 0, LibC.SeekEnd);
    }

    /// <summary>The size of an ELF64 file whose section header table is its last part.</summary>
    private static bool ElfEnd(byte* header, out long end)
    {
        end = 0;
        if (header[0] != 0x7F || header[1] != (byte)'E' || header[2] != (byte)'L' || header[3] != (byte)'F' || header[4] != 2)
        {
            return false;
        }

        end = *(long*)(header + 0x28) + ((long)*(ushort*)(header + 0x3C) * *(ushort*)(header + 0x3A));
        return end > ElfHeaderSize;
    }

    private static bool Copy(int from, int to, long offset, long length)
    {
        var position = offset;
        while (length > 0)
        {
            var sent = LibC.sendfile(to, from, &position, (nint)(length < 0x40000000 ? length : 0x40000000));
            if (sent <= 0)
            {
                return false;
            }

            length -= sent;
        }

        return true;
    }

    /// <summary>One line on stderr, as the full launcher's errors are; exit 69 (EX_UNAVAILABLE).</summary>
    private static int Fail(byte* self, byte* what, int errno)
    {
        var line = CString.Concat(CString.From("satchel: "), self, CString.Concat(CString.From(": "), what));
        if (errno != 0)
        {
            line = CString.Concat(line, CString.From(": "), LibC.strerror(errno));
        }

        line = CString.Concat(line, CString.From("\n"));
        LibC.write(2, line, CString.Length(line));
        return 69;
    }
}
