namespace Satchel.Runtime.Interpreters;

/// <summary>
/// One PEP 440 clause such as "&gt;=3.9", "==3.11.*" or "~=3.10", with PEP 440's matching rules.
/// Whether pre-releases are admitted at all is decided by the <see cref="SpecifierSet"/>.
/// </summary>
public sealed class VersionSpecifier
{
    private VersionSpecifier(SpecifierOperator op, PythonVersion? version, bool wildcard, string text)
    {
        Operator = op;
        Version = version;
        IsWildcard = wildcard;
        Text = text;
    }

    public SpecifierOperator Operator { get; }

    /// <summary>The operand; null only for "===" whose operand need not be a version.</summary>
    public PythonVersion? Version { get; }

    /// <summary>Whether the operand ended in ".*" (only with == and !=).</summary>
    public bool IsWildcard { get; }

    /// <summary>The normalised clause, e.g. "&gt;=3.9" or "==3.11.*".</summary>
    public string Text { get; }

    /// <summary>A clause that names a pre-release ("&gt;=3.13.0rc1") admits pre-releases into its set.</summary>
    public bool MentionsPrerelease =>
        Operator is not (SpecifierOperator.NotEqual or SpecifierOperator.Arbitrary) && Version is { IsPrerelease: true }
        || Operator == SpecifierOperator.Arbitrary && PythonVersion.TryParse(Text[3..], out var v, out _) && v.IsPrerelease;

    private static readonly (string Symbol, SpecifierOperator Operator)[] Symbols =
    [
        ("===", SpecifierOperator.Arbitrary), ("~=", SpecifierOperator.Compatible), ("==", SpecifierOperator.Equal),
        ("!=", SpecifierOperator.NotEqual), ("<=", SpecifierOperator.LessOrEqual), (">=", SpecifierOperator.GreaterOrEqual),
        ("<", SpecifierOperator.Less), (">", SpecifierOperator.Greater),
    ];

    public static bool TryParse(string clause, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out VersionSpecifier? specifier, out string error)
    {
        specifier = null;
        var text = clause.Trim();
        var match = 0;
        while (match < Symbols.Length && !text.StartsWith(Symbols[match].Symbol, StringComparison.Ordinal))
        {
            match++;
        }

        if (match == Symbols.Length)
        {
            error = text.Length > 0 && char.IsAsciiDigit(text[0])
                ? $"'{text}' has no operator (write ==, >=, <=, >, <, !=, ~= or === before the version)"
                : $"'{text}' does not start with ==, >=, <=, >, <, !=, ~= or ===";
            return false;
        }

        var (symbol, op) = Symbols[match];
        var operand = text[symbol.Length..].Trim();
        if (operand.Length == 0 || operand.AsSpan().ContainsAny(" \t\r\n"))
        {
            error = operand.Length == 0 ? $"'{text}' has no version after {symbol}" : $"'{text}' has a space inside its version";
            return false;
        }

        if (op == SpecifierOperator.Arbitrary)
        {
            specifier = new VersionSpecifier(op, null, false, symbol + operand);
            error = string.Empty;
            return true;
        }

        var wildcard = operand.EndsWith(".*", StringComparison.Ordinal);
        if (wildcard && op is not (SpecifierOperator.Equal or SpecifierOperator.NotEqual))
        {
            error = $"'{text}': a .* wildcard is only allowed with == and !=";
            return false;
        }

        if (!PythonVersion.TryParse(wildcard ? operand[..^2] : operand, out var version, out var why))
        {
            error = $"'{text}': {why}";
            return false;
        }

        if (Problem(op, version, wildcard) is { } problem)
        {
            error = $"'{text}': {problem}";
            return false;
        }

        specifier = new VersionSpecifier(op, version, wildcard, symbol + version + (wildcard ? ".*" : string.Empty));
        error = string.Empty;
        return true;
    }

    private static string? Problem(SpecifierOperator op, PythonVersion version, bool wildcard)
    {
        if (wildcard && (version.IsPrerelease || version.IsPostrelease || version.Local is not null))
        {
            return "a .* wildcard may only follow release numbers";
        }

        if (version.Local is not null && op is not (SpecifierOperator.Equal or SpecifierOperator.NotEqual))
        {
            return "a local version label (+...) is only allowed with == and !=";
        }

        return op == SpecifierOperator.Compatible && version.Release.Count < 2
            ? "~= needs at least two release numbers, as in ~=3.10"
            : null;
    }

    /// <summary>Whether <paramref name="candidate"/> satisfies this clause, pre-release policy aside.</summary>
    public bool Matches(PythonVersion candidate) => Operator switch
    {
        SpecifierOperator.Arbitrary => string.Equals(candidate.ToString(), Text[3..], StringComparison.OrdinalIgnoreCase),
        SpecifierOperator.Equal => IsWildcard ? PrefixMatches(candidate, Version!) : EqualMatches(candidate),
        SpecifierOperator.NotEqual => !(IsWildcard ? PrefixMatches(candidate, Version!) : EqualMatches(candidate)),
        SpecifierOperator.LessOrEqual => candidate.Public <= Version!,
        SpecifierOperator.GreaterOrEqual => candidate.Public >= Version!,
        SpecifierOperator.Less => LessMatches(candidate, Version!),
        SpecifierOperator.Greater => GreaterMatches(candidate, Version!),
        _ => candidate.Public >= Version! && PrefixMatches(candidate, Version!, Version!.Release.Count - 1),
    };

    /// <summary>An operand without a local label ignores the candidate's local label.</summary>
    private bool EqualMatches(PythonVersion candidate) =>
        Version!.Local is null ? candidate.Public == Version : candidate == Version;

    /// <summary>
    /// The candidate's release, padded with zeros, starts with the operand's first
    /// <paramref name="length"/> numbers; whatever follows (pre, post, dev, local) is ignored.
    /// </summary>
    private static bool PrefixMatches(PythonVersion candidate, PythonVersion prefix, int? length = null)
    {
        if (candidate.Epoch != prefix.Epoch)
        {
            return false;
        }

        var count = length ?? prefix.Release.Count;
        for (var i = 0; i < count; i++)
        {
            if ((i < candidate.Release.Count ? candidate.Release[i] : 0) != prefix.Release[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>"&lt;3.13" must not admit 3.13.0rc1: a pre-release of the operand is not below it in intent.</summary>
    private static bool LessMatches(PythonVersion candidate, PythonVersion bound) =>
        candidate.Public < bound
        && !(!bound.IsPrerelease && candidate.IsPrerelease && candidate.BaseVersion == bound.BaseVersion);

    /// <summary>"&gt;3.12" must not admit 3.12.post1: it is the same release. (A local label is already ignored.)</summary>
    private static bool GreaterMatches(PythonVersion candidate, PythonVersion bound) =>
        candidate.Public > bound
        && !(!bound.IsPostrelease && candidate.IsPostrelease && candidate.BaseVersion == bound.BaseVersion);

    public override string ToString() => Text;
}
