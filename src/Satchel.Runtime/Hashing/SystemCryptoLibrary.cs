using Satchel.Runtime.Posix;

namespace Satchel.Runtime.Hashing;

/// <summary>
/// Whether System.Security.Cryptography can be used without bringing the process down. On
/// Linux, .NET loads OpenSSL with dlopen on first use, trying libssl.so.3 and then
/// libssl.so.1.1 (or what CLR_OPENSSL_VERSION_OVERRIDE names), and calls abort() when none
/// loads: no exception to catch. So the same libraries are opened here first, once per process;
/// when neither loads, or the override makes the choice unpredictable, the managed SHA-256 is
/// used. macOS and Windows hash with libraries that are part of the OS.
/// </summary>
internal static class SystemCryptoLibrary
{
    // 0: not probed yet, 1: usable, 2: not usable. A race only probes twice, with the same answer.
    private static int _state;

    private static readonly string[] OpenSslNames = ["libssl.so.3", "libssl.so.1.1"];

    public static bool IsUsable
    {
        get
        {
            if (_state == 0)
            {
                _state = Probe() ? 1 : 2;
            }

            return _state == 1;
        }
    }

    private static bool Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return true;
        }

        if (Environment.GetEnvironmentVariable("CLR_OPENSSL_VERSION_OVERRIDE") is not null)
        {
            return false;
        }

        foreach (var name in OpenSslNames)
        {
            // Left open on purpose: .NET's own dlopen of the same name then finds it loaded.
            if (LibC.DlOpen(name, LibC.RTLD_LAZY) != 0)
            {
                return true;
            }
        }

        return false;
    }
}
