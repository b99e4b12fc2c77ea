namespace Satchel.Build.Resolution;

/// <summary>Where pip took a distribution from.</summary>
public enum OriginKind
{
    /// <summary>A package index (--index-url, --extra-index-url, or PyPI by default).</summary>
    Index,

    /// <summary>A --find-links folder or page.</summary>
    FindLinks,

    /// <summary>A local project directory, built into a wheel.</summary>
    LocalProject,

    /// <summary>A wheel file given as an input.</summary>
    WheelFile,

    /// <summary>A direct URL reference ("name @ URL") to an archive.</summary>
    DirectUrl,

    /// <summary>A version-control checkout ("name @ git+…").</summary>
    Vcs,
}
