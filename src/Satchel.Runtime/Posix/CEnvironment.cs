using System.Runtime.InteropServices;

namespace Satchel.Runtime.Posix;

/// <summary>
/// The C library's `environ`, as setenv/unsetenv left it, for posix_spawn. Reading it through
/// dlsym keeps .NET's environment dictionary (Hashtable and friends) out of the launcher.
/// </summary>
internal static partial class CEnvironment
{
    [LibraryImport("libc", EntryPoint = "dlsym", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr DlSym(IntPtr handle, string symbol);

    /// <summary>The current `char **environ`.</summary>
    public static IntPtr Current
    {
        get
        {
            var address = DlSym(IntPtr.Zero, "environ"); // RTLD_DEFAULT
            return address == IntPtr.Zero
                ? throw new InvalidOperationException("the C library does not export environ")
                : Marshal.ReadIntPtr(address);
        }
    }
}
