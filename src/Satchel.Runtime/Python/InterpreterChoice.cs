using Satchel.Runtime.Cache;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Interpreters;

namespace Satchel.Runtime.Python;

/// <summary>
/// Chooses the interpreter a Python app runs with, from the requirement stored in its header:
/// discovery, facts cache and remembered choice of <see cref="InterpreterSelector"/>
/// (docs/interpreters.md). No match ends the launch with exit 69 and the list of candidates.
/// </summary>
public static class InterpreterChoice
{
    public static PythonInterpreter Select(string requirement, CacheLayout layout, Log log)
    {
        var facts = InterpreterSelector.Select(InterpreterRequirement.Parse(requirement), layout, log);
        return new PythonInterpreter(facts.Path, facts.Version.ToString());
    }
}
