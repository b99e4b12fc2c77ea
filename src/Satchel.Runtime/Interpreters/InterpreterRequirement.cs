using System.Text;
using Satchel.Runtime.Errors;

namespace Satchel.Runtime.Interpreters;

/// <summary>
/// What an app needs from its interpreter: PEP 440 version clauses, optionally an implementation
/// (CPython only, "cp"), an exact CPython ABI from binary wheels ("cp311", "cp313t") and a
/// machine ("x86_64"). Stored in the payload header as its compact form (<see cref="ToString"/>):
/// the version clauses, then ";key=value" parts in a fixed order, e.g.
/// "&gt;=3.9,&lt;3.13;impl=cp;abi=cp311;machine=x86_64". "" means any Python.
/// </summary>
public sealed record InterpreterRequirement(SpecifierSet Versions, string? Implementation = null, CPythonAbi? Abi = null, string? Machine = null)
{
    public const string CPythonCode = "cp";

    public static InterpreterRequirement Any { get; } = new(SpecifierSet.Any);

    private static readonly System.Buffers.SearchValues<char> MachineCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");

    public bool IsAny => Versions.IsAny && Implementation is null && Abi is null && Machine is null;

    /// <summary>Parses the compact form; a malformed one is a usage error (exit 64) that quotes it.</summary>
    public static InterpreterRequirement Parse(string text) =>
        TryParse(text, out var requirement, out var error)
            ? requirement
            : throw new SatchelException(ExitCodes.Usage,
                $"invalid Python requirement '{text}': {error}; write PEP 440 clauses such as '>=3.9,<3.13' or '==3.11.*' (see docs/interpreters.md)");

    public static bool TryParse(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out InterpreterRequirement? requirement, out string error)
    {
        requirement = null;
        var parts = text.Split(';');
        if (!SpecifierSet.TryParse(parts[0], out var versions, out error))
        {
            return false;
        }

        string? implementation = null;
        CPythonAbi? abi = null;
        string? machine = null;
        foreach (var part in parts.AsSpan(1))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var key = eq < 0 ? part.Trim() : part[..eq].Trim();
            var value = eq < 0 ? string.Empty : part[(eq + 1)..].Trim();
            if (value.Length == 0)
            {
                error = $"'{part.Trim()}' is not key=value";
                return false;
            }

            var duplicate = key switch
            {
                "impl" => implementation is not null,
                "abi" => abi is not null,
                "machine" => machine is not null,
                _ => false,
            };
            if (duplicate)
            {
                error = $"'{key}' is given twice";
                return false;
            }

            switch (key)
            {
                case "impl" when value.ToLowerInvariant() is CPythonCode or InterpreterFacts.CPython:
                    implementation = CPythonCode;
                    break;
                case "impl":
                    error = $"implementation '{value}' is not supported (only 'cp', CPython)";
                    return false;
                case "abi" when CPythonAbi.TryParse(value, out var parsed):
                    abi = parsed;
                    break;
                case "abi":
                    error = $"'{value}' is not a CPython ABI tag such as cp311 or cp313t";
                    return false;
                case "machine" when !value.AsSpan().ContainsAnyExcept(MachineCharacters):
                    machine = value.ToLowerInvariant();
                    break;
                case "machine":
                    error = $"'{value}' is not a machine name such as x86_64 or aarch64";
                    return false;
                default:
                    error = $"unknown part '{key}' (known: impl, abi, machine)";
                    return false;
            }
        }

        requirement = new InterpreterRequirement(versions, implementation, abi, machine);
        return true;
    }

    /// <summary>A requirement from a binary wheel's ABI tag ("cp311"): CPython, that ABI exactly.</summary>
    public static InterpreterRequirement ForAbiTag(string tag) =>
        CPythonAbi.TryParse(tag, out var abi)
            ? new InterpreterRequirement(SpecifierSet.Any, CPythonCode, abi)
            : throw new SatchelException(ExitCodes.Data, $"'{tag}' is not a CPython ABI tag such as cp311 or cp313t");

    /// <summary>What satisfies both; null with <paramref name="conflict"/> set when nothing can (cp311 and cp312).</summary>
    public InterpreterRequirement? TryIntersect(InterpreterRequirement other, out string conflict)
    {
        conflict = string.Empty;
        if (Abi is { } a && other.Abi is { } b && a != b)
        {
            conflict = $"binary wheels need both {a} and {b}";
            return null;
        }

        if (Machine is { } m && other.Machine is { } n && !MachineNames.Same(m, n))
        {
            conflict = $"both {m} and {n} are required";
            return null;
        }

        return new InterpreterRequirement(
            Versions.Intersect(other.Versions),
            Implementation ?? other.Implementation,
            Abi ?? other.Abi,
            Machine ?? other.Machine);
    }

    /// <summary>What satisfies both, or a data error (exit 65) naming the two requirements that cannot both hold.</summary>
    public InterpreterRequirement Intersect(InterpreterRequirement other) =>
        TryIntersect(other, out var conflict)
        ?? throw new SatchelException(ExitCodes.Data,
            $"the Python requirements '{this}' and '{other}' cannot both be met: {conflict}; build with wheels for one Python version");

    /// <summary>
    /// Why <paramref name="facts"/> does not satisfy this requirement, as a phrase for the error
    /// list ("3.8.18 does not satisfy >=3.12"); null when it does.
    /// </summary>
    public string? Rejection(InterpreterFacts facts, bool allowPrereleases)
    {
        if ((Implementation is not null || Abi is not null) && !facts.IsCPython)
        {
            return $"{facts.Implementation}, not CPython";
        }

        if (Abi is { } abi && CPythonAbi.Of(facts) != abi)
        {
            return $"ABI {CPythonAbi.Of(facts)}, but the binary wheels need {abi}";
        }

        if (Machine is { } machine && !MachineNames.Same(machine, facts.Machine))
        {
            return $"built for {facts.Machine}, not {machine}";
        }

        if (Versions.FirstFailing(facts.Version) is { } clause)
        {
            return $"{facts.Version} does not satisfy {clause}";
        }

        return Versions.Contains(facts.Version, allowPrereleases)
            ? null
            : $"{facts.Version} is a pre-release (used only when no final release matches)";
    }

    /// <summary>For messages: the compact form, or "any Python" when empty.</summary>
    public string Describe() => IsAny ? "any Python" : ToString();

    public override string ToString()
    {
        var text = new StringBuilder(Versions.ToString());
        if (Implementation is not null)
        {
            text.Append(";impl=").Append(Implementation);
        }

        if (Abi is { } abi)
        {
            text.Append(";abi=").Append(abi);
        }

        if (Machine is not null)
        {
            text.Append(";machine=").Append(Machine);
        }

        return text.ToString();
    }
}
