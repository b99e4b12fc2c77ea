using Satchel.Runtime.Posix;

namespace Satchel.Runtime.Hashing;

/// <summary>
/// SHA-256 from the machine's libcrypto (OpenSSL 3 or 1.1), bound by hand with dlopen/dlsym: six
/// EVP functions that both versions export. .NET's own SHA-256 on Linux goes through the same
/// library but loads it in a shim that calls abort() when it is missing (a slim container: exit
/// 134 before a file is extracted), and that shim's symbol table alone is ~35 KB of every app's
/// launcher. Here a missing library, a missing function or a wrong answer to a known-answer test
/// only means <see cref="IsAvailable"/> is false and <see cref="ManagedSha256"/> does the work.
/// Linux only.
/// </summary>
internal sealed unsafe class OpenSslSha256 : ISha256Engine
{
    private static readonly string[] LibraryNames = ["libcrypto.so.3", "libcrypto.so.1.1"];

    // 0: not looked for yet, 1: bound, 2: not available. A race only binds twice, to the same library.
    private static int _state;
    private static delegate* unmanaged<nint> _sha256;
    private static delegate* unmanaged<nint> _newContext;
    private static delegate* unmanaged<nint, void> _freeContext;
    private static delegate* unmanaged<nint, nint, nint, int> _init;
    private static delegate* unmanaged<nint, byte*, nuint, int> _update;
    private static delegate* unmanaged<nint, byte*, uint*, int> _final;

    private nint _context;

    public OpenSslSha256()
        : this(IsAvailable ? NewContext() : throw new InvalidOperationException("libcrypto is not available"))
    {
    }

    /// <summary>Takes a fresh context from the bound functions (the known-answer test runs before <see cref="IsAvailable"/> is decided).</summary>
    private OpenSslSha256(nint context)
    {
        _context = context;
        try
        {
            Reset();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public static bool IsAvailable
    {
        get
        {
            // Volatile: a thread that sees 1 must also see the function pointers written before it.
            var state = Volatile.Read(ref _state);
            if (state == 0)
            {
                state = Bind() && PassesKnownAnswer() ? 1 : 2;
                Volatile.Write(ref _state, state);
            }

            return state == 1;
        }
    }

    public void AppendData(ReadOnlySpan<byte> data)
    {
        fixed (byte* p = data)
        {
            Check(_update(_context, p, (nuint)data.Length), "EVP_DigestUpdate");
        }
    }

    /// <summary>Writes the hash into the first 32 bytes of <paramref name="destination"/> and starts over.</summary>
    public void GetHashAndReset(Span<byte> destination)
    {
        Span<byte> hash = stackalloc byte[64];
        uint length = 0;
        fixed (byte* p = hash)
        {
            Check(_final(_context, p, &length), "EVP_DigestFinal_ex");
        }

        if (length != Sha256Hash.Length)
        {
            throw new InvalidOperationException($"libcrypto returned a {length}-byte SHA-256");
        }

        hash[..Sha256Hash.Length].CopyTo(destination);
        Reset();
    }

    public void Dispose()
    {
        if (_context != 0)
        {
            _freeContext(_context);
            _context = 0;
        }
    }

    private static nint NewContext()
    {
        var context = _newContext();
        return context != 0 ? context : throw new InvalidOperationException("EVP_MD_CTX_new failed in libcrypto");
    }

    private void Reset() => Check(_init(_context, _sha256(), 0), "EVP_DigestInit_ex");

    private static void Check(int result, string function)
    {
        if (result != 1)
        {
            throw new InvalidOperationException($"{function} failed in libcrypto");
        }
    }

    /// <summary>
    /// Hashes "abc" once and compares with FIPS 180-2's answer, so that a libcrypto that loads but
    /// does not work (a broken configuration, a provider that refuses the digest) means the
    /// managed code, not a failed extraction.
    /// </summary>
    private static bool PassesKnownAnswer()
    {
        ReadOnlySpan<byte> expected =
        [
            0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40, 0xde, 0x5d, 0xae, 0x22, 0x23,
            0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17, 0x7a, 0x9c, 0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad,
        ];
        try
        {
            using var sha = new OpenSslSha256(NewContext());
            sha.AppendData("abc"u8);
            Span<byte> hash = stackalloc byte[Sha256Hash.Length];
            sha.GetHashAndReset(hash);
            return hash.SequenceEqual(expected);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool Bind()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        foreach (var name in LibraryNames)
        {
            var library = LibC.DlOpen(name, LibC.RTLD_LAZY);
            if (library == 0)
            {
                continue;
            }

            var sha256 = LibC.DlSym(library, "EVP_sha256");
            var newContext = LibC.DlSym(library, "EVP_MD_CTX_new");
            var freeContext = LibC.DlSym(library, "EVP_MD_CTX_free");
            var init = LibC.DlSym(library, "EVP_DigestInit_ex");
            var update = LibC.DlSym(library, "EVP_DigestUpdate");
            var final = LibC.DlSym(library, "EVP_DigestFinal_ex");
            if (sha256 == 0 || newContext == 0 || freeContext == 0 || init == 0 || update == 0 || final == 0)
            {
                continue;
            }

            // The library stays loaded for the life of the process: its functions are called until exit.
            _sha256 = (delegate* unmanaged<nint>)sha256;
            _newContext = (delegate* unmanaged<nint>)newContext;
            _freeContext = (delegate* unmanaged<nint, void>)freeContext;
            _init = (delegate* unmanaged<nint, nint, nint, int>)init;
            _update = (delegate* unmanaged<nint, byte*, nuint, int>)update;
            _final = (delegate* unmanaged<nint, byte*, uint*, int>)final;
            return true;
        }

        return false;
    }
}
