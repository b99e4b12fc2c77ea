namespace Satchel.Runtime.Interpreters;

/// <summary>
/// Comma-separated PEP 440 clauses that must all hold ("&gt;=3.9,&lt;3.13"). Empty means any
/// version. Pre-releases follow PEP 440: a set admits them only if one of its clauses names a
/// pre-release, or if the caller allows them (the selector does so only when no final release
/// matches).
/// </summary>
public sealed class SpecifierSet : IEquatable<SpecifierSet>
{
    private readonly VersionSpecifier[] _clauses;

    private SpecifierSet(VersionSpecifier[] clauses) => _clauses = clauses;

    public static SpecifierSet Any { get; } = new([]);

    public IReadOnlyList<VersionSpecifier> Clauses => _clauses;

    public bool IsAny => _clauses.Length == 0;

    public bool MentionsPrerelease => Array.Exists(_clauses, c => c.MentionsPrerelease);

    public static bool TryParse(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SpecifierSet? set, out string error)
    {
        set = null;
        error = string.Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            set = Any;
            return true;
        }

        var clauses = new List<VersionSpecifier>();
        foreach (var part in text.Split(','))
        {
            if (string.IsNullOrWhiteSpace(part))
            {
                error = "it has an empty clause between commas";
                return false;
            }

            if (!VersionSpecifier.TryParse(part, out var clause, out error))
            {
                return false;
            }

            clauses.Add(clause);
        }

        set = new SpecifierSet(Distinct(clauses));
        return true;
    }

    /// <summary>Both sets' clauses: what satisfies both.</summary>
    public SpecifierSet Intersect(SpecifierSet other) =>
        other.IsAny ? this : IsAny ? other : new SpecifierSet(Distinct([.. _clauses, .. other._clauses]));

    /// <summary>
    /// Whether every clause holds. A pre-release candidate is refused unless
    /// <paramref name="allowPrereleases"/> is true or a clause names a pre-release.
    /// </summary>
    public bool Contains(PythonVersion version, bool allowPrereleases = false)
    {
        if (version.IsPrerelease && !allowPrereleases && !MentionsPrerelease)
        {
            return false;
        }

        foreach (var clause in _clauses)
        {
            if (!clause.Matches(version))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The first clause <paramref name="version"/> fails, for error messages; null if none does.</summary>
    public VersionSpecifier? FirstFailing(PythonVersion version) => Array.Find(_clauses, c => !c.Matches(version));

    private static VersionSpecifier[] Distinct(IEnumerable<VersionSpecifier> clauses)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var distinct = new List<VersionSpecifier>();
        foreach (var clause in clauses)
        {
            if (seen.Add(clause.Text))
            {
                distinct.Add(clause);
            }
        }

        return [.. distinct];
    }

    public bool Equals(SpecifierSet? other) => other is not null && ToString() == other.ToString();

    public override bool Equals(object? obj) => obj is SpecifierSet s && Equals(s);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());

    /// <summary>The normalised clauses joined by commas, in their original order; "" for any version.</summary>
    public override string ToString() => string.Join(',', Array.ConvertAll(_clauses, c => c.Text));
}
