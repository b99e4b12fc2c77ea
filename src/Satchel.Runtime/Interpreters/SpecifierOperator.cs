namespace Satchel.Runtime.Interpreters;

/// <summary>The comparison operators of PEP 440 version specifiers.</summary>
public enum SpecifierOperator
{
    /// <summary>~= V.N: at least V.N, and the same release up to the last given number.</summary>
    Compatible,

    /// <summary>== V (padded with zeros), or == V.* (prefix match).</summary>
    Equal,

    /// <summary>!= V or != V.*.</summary>
    NotEqual,

    LessOrEqual,

    GreaterOrEqual,

    /// <summary>&lt; V, which excludes pre-releases of V itself unless V is one.</summary>
    Less,

    /// <summary>&gt; V, which excludes post-releases of V itself unless V is one.</summary>
    Greater,

    /// <summary>=== text: the version's text, compared case-insensitively, with no normalisation of the operand.</summary>
    Arbitrary,
}
