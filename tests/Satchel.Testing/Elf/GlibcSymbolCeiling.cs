namespace Satchel.Testing.Elf;

/// <summary>
/// The imports of an ELF file whose glibc symbol version is newer than a ceiling: the reasons the
/// dynamic loader of an older glibc would refuse to start it.
/// </summary>
public static class GlibcSymbolCeiling
{
    private const string Prefix = "GLIBC_";

    public static IReadOnlyList<VersionedImport> Above(IEnumerable<VersionedImport> imports, Version ceiling) =>
        [.. imports.Where(i => VersionOf(i) is { } v && v > ceiling).OrderBy(i => i.Symbol, StringComparer.Ordinal)];

    /// <summary>The glibc release a symbol version names (GLIBC_2.2.5 → 2.2.5), or null for other version names (GLIBC_PRIVATE, GCC_3.0).</summary>
    public static Version? VersionOf(VersionedImport import) =>
        import.Version.StartsWith(Prefix, StringComparison.Ordinal)
        && Version.TryParse(import.Version[Prefix.Length..], out var version)
            ? version
            : null;
}
