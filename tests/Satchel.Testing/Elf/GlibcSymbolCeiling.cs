using Xunit;

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

    /// <summary>
    /// Fails naming each symbol <paramref name="binary"/> imports above GLIBC_<paramref name="ceiling"/>,
    /// what that breaks (<paramref name="consequence"/>) and what to do (<paramref name="advice"/>); returns
    /// its imports for further checks.
    /// </summary>
    public static IReadOnlyList<VersionedImport> AssertNoneAbove(string binary, Version ceiling, string consequence, string advice)
    {
        var imports = ElfVersionedImports.Read(binary);
        var tooNew = Above(imports, ceiling);
        Assert.True(tooNew.Count == 0,
            $"{binary} imports {tooNew.Count} symbol(s) newer than GLIBC_{ceiling}, so {consequence}: {string.Join(", ", tooNew)}. {advice}");
        return imports;
    }
}
