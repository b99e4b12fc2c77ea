namespace Satchel.Testing.Elf;

/// <summary>
/// A symbol an ELF executable takes from a shared library at a given symbol version, e.g.
/// <c>pthread_create</c> at <c>GLIBC_2.34</c> from <c>libc.so.6</c> (what <c>objdump -T</c> shows).
/// </summary>
public sealed record VersionedImport(string Symbol, string Version, string Library)
{
    public override string ToString() => $"{Symbol}@{Version} ({Library})";
}
