namespace Satchel.Testing.Faults;

/// <summary>
/// Runs a program as on a kernel that lacks one system call: a seccomp filter, installed by a small
/// C program compiled here with gcc, makes that call fail with ENOSYS for the program and everything
/// it starts (filters are inherited across exec), the answer an old kernel gives. Needs gcc and the
/// kernel's headers (linux-libc-dev), like the extension wheels of the tests.
/// </summary>
public static class MissingSyscall
{
    private const string Source = """
        #include <errno.h>
        #include <stddef.h>
        #include <stdio.h>
        #include <stdlib.h>
        #include <unistd.h>
        #include <sys/prctl.h>
        #include <linux/filter.h>
        #include <linux/seccomp.h>

        /* argv[1]: the system call's number; argv[2..]: the program and its arguments. */
        int main(int argc, char **argv) {
            if (argc < 3) { fprintf(stderr, "usage: missing-syscall NR PROGRAM [ARGS...]\n"); return 125; }
            struct sock_filter filter[] = {
                BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
                BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned)atoi(argv[1]), 0, 1),
                BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (ENOSYS & SECCOMP_RET_DATA)),
                BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
            };
            struct sock_fprog program = { sizeof filter / sizeof filter[0], filter };
            if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 || prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &program) != 0) {
                perror("missing-syscall: seccomp");
                return 125;
            }
            execv(argv[2], argv + 2);
            perror("missing-syscall: execv");
            return 126;
        }
        """;

    /// <summary>execveat's number on this machine's architecture (x86_64 322, aarch64 281).</summary>
    public static int Execveat => System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture switch
    {
        System.Runtime.InteropServices.Architecture.X64 => 322,
        System.Runtime.InteropServices.Architecture.Arm64 => 281,
        var other => throw new PlatformNotSupportedException($"no execveat number known for {other}"),
    };

    /// <summary>Compiles the helper into <paramref name="directory"/> and returns its path.</summary>
    public static string Build(string directory)
    {
        Directory.CreateDirectory(directory);
        var source = Path.Combine(directory, "missing-syscall.c");
        var binary = Path.Combine(directory, "missing-syscall");
        File.WriteAllText(source, Source);
        var gcc = ProcessRunner.Run("gcc", ["-O1", "-o", binary, source]);
        return gcc.ExitCode == 0 ? binary : throw new InvalidOperationException($"gcc could not compile the seccomp helper: {gcc}");
    }
}
