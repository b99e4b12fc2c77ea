using Satchel.Runtime.Cache;
using Satchel.Runtime.Diagnostics;

namespace Satchel.Runtime.Interpreters;

/// <summary>
/// Remembers which interpreter was chosen for one requirement in one environment, so that a warm
/// start costs one small file read and one stat of the chosen binary instead of a search:
/// &lt;root&gt;/v1/interpreters/&lt;key&gt;.choice, where the key is the <see cref="StableHash"/> of the
/// requirement and <see cref="InterpreterEnvironment.Fingerprint"/>; the file repeats both strings.
/// A choice is used only while the chosen binary keeps the size and mtime it had; a new Python
/// installed elsewhere does not unsettle it (run `satchel interpreters` to see what a fresh
/// search would pick, or delete the .choice files).
/// </summary>
public sealed class ChoiceCache(CacheLayout layout, Log log)
{
    public const string Header = "satchel-interpreter-choice 1";

    public static string KeyFor(InterpreterRequirementSet requirement, InterpreterEnvironment environment, PythonVersion? preferred = null) =>
        KeyFor(Wanted(requirement, preferred), environment.Fingerprint());

    /// <summary>The requirement as remembered: its compact form, and " prefer VERSION" when a version is preferred (another choice).</summary>
    private static string Wanted(InterpreterRequirementSet requirement, PythonVersion? preferred) =>
        preferred is null ? requirement.ToString() : $"{requirement} prefer {preferred}";

    private static string KeyFor(string requirement, string fingerprint) => StableHash.Hex(requirement + "\0" + fingerprint);

    public InterpreterFacts? TryRead(InterpreterRequirementSet requirement, InterpreterEnvironment environment, PythonVersion? preferred = null)
    {
        var wanted = Wanted(requirement, preferred);
        var fingerprint = environment.Fingerprint();
        if (KeyValueRecordFile.Read(layout.InterpreterChoice(KeyFor(wanted, fingerprint)), Header) is not { } entries
            || !entries.TryGetValue("requirement", out var storedRequirement) || storedRequirement != wanted
            || !entries.TryGetValue("environment", out var storedEnvironment) || storedEnvironment != fingerprint
            || FactsRecord.From(entries) is not { } facts)
        {
            return null;
        }

        if (BinaryStamp.OfExecutable(facts.Path) != facts.Stamp || requirement.Rejection(facts, allowPrereleases: true) is not null)
        {
            log.Line($"remembered interpreter {facts.Path} changed or is gone; searching again");
            return null;
        }

        return facts;
    }

    /// <summary>Failing to remember only costs a search next time, so failure is logged, not raised.</summary>
    public void Store(InterpreterRequirementSet requirement, InterpreterEnvironment environment, InterpreterFacts facts, PythonVersion? preferred = null)
    {
        if (layout.ReadOnly)
        {
            return;
        }

        var file = layout.InterpreterChoice(KeyFor(requirement, environment, preferred));
        List<KeyValuePair<string, string>> entries = [new("requirement", Wanted(requirement, preferred)), new("environment", environment.Fingerprint())];
        entries.AddRange(FactsRecord.Entries(facts));
        try
        {
            AtomicPath.ReplaceFile(file, KeyValueRecordFile.Format(Header, entries));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.Line($"cannot remember the interpreter choice in {file}: {e.Message}");
        }
    }
}
