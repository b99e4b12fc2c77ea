using Satchel.Runtime.Errors;

namespace Satchel.Runtime.Interpreters;

/// <summary>
/// What an app needs from its interpreter when it was built for several (one requirement per
/// interpreter set, docs/interpreters.md, "Several interpreters"): an interpreter matches when any
/// of them accepts it. With one requirement it behaves, and prints, exactly as that requirement,
/// so the remembered choice of a one-interpreter app is unchanged. Compact form: the requirements'
/// compact forms joined by " || ".
/// </summary>
public sealed record InterpreterRequirementSet(IReadOnlyList<InterpreterRequirement> Options)
{
    public const string Separator = " || ";

    public static implicit operator InterpreterRequirementSet(InterpreterRequirement requirement) => new([requirement]);

    /// <summary>Each of <paramref name="texts"/> parsed (a malformed one is exit 64, as for one requirement).</summary>
    public static InterpreterRequirementSet Parse(IReadOnlyList<string> texts)
    {
        var options = new InterpreterRequirement[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            options[i] = InterpreterRequirement.Parse(texts[i]);
        }

        return new InterpreterRequirementSet(options);
    }

    /// <summary>
    /// A requirement as a person writes it: one (`>=3.9,<3.13`), or several joined by ` or ` as
    /// `inspect` prints an app built for several Pythons (`==3.9.* or ==3.13.*`), or by `||` as the
    /// compact form and `inspect --json` write them. An empty alternative is exit 64, quoting the text.
    /// </summary>
    public static InterpreterRequirementSet ParseAlternatives(string text)
    {
        var parts = new List<string>();
        foreach (var piece in text.Split("||"))
        {
            // Padded, so that an `or` at either end leaves an empty alternative rather than a version with a space.
            foreach (var part in string.Concat(" ", piece, " ").Split(" or "))
            {
                parts.Add(part.Trim());
            }
        }

        if (parts.Count == 1)
        {
            return InterpreterRequirement.Parse(text);
        }

        foreach (var part in parts)
        {
            if (part.Length == 0)
            {
                throw new SatchelException(ExitCodes.Usage,
                    $"invalid Python requirement '{text}': an empty alternative; join requirements with ' or ' (or '||'), each PEP 440 clauses such as '==3.9.*' (see docs/interpreters.md)");
            }
        }

        return Parse(parts);
    }

    /// <summary>The first option that accepts <paramref name="facts"/> (pre-releases allowed: the selection already decided), or -1.</summary>
    public int IndexAccepting(InterpreterFacts facts)
    {
        for (var i = 0; i < Options.Count; i++)
        {
            if (Options[i].Rejection(facts, allowPrereleases: true) is null)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Null when an option accepts <paramref name="facts"/>; else the reason (one option's, or each distinct one's).</summary>
    public string? Rejection(InterpreterFacts facts, bool allowPrereleases)
    {
        if (Options.Count == 1)
        {
            return Options[0].Rejection(facts, allowPrereleases);
        }

        var reasons = new List<string>(Options.Count);
        foreach (var option in Options)
        {
            if (option.Rejection(facts, allowPrereleases) is not { } reason)
            {
                return null;
            }

            if (!reasons.Contains(reason))
            {
                reasons.Add(reason);
            }
        }

        // Usually each set refuses the version: one phrase names them all.
        var prefix = string.Concat(facts.Version.ToString(), " does not satisfy ");
        var clauses = new string[reasons.Count];
        for (var i = 0; i < reasons.Count; i++)
        {
            if (!reasons[i].StartsWith(prefix, StringComparison.Ordinal))
            {
                return string.Join(" and ", reasons);
            }

            clauses[i] = reasons[i][prefix.Length..];
        }

        return prefix + string.Join(" or ", clauses);
    }

    /// <summary>For messages: "any Python", one requirement, or "==3.9.* or ==3.11.*".</summary>
    public string Describe()
    {
        if (Options.Count == 1)
        {
            return Options[0].Describe();
        }

        var parts = new string[Options.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = Options[i].Describe();
        }

        return string.Join(" or ", parts);
    }

    public override string ToString()
    {
        if (Options.Count == 1)
        {
            return Options[0].ToString();
        }

        var parts = new string[Options.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = Options[i].ToString();
        }

        return string.Join(Separator, parts);
    }
}
