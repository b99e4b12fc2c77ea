using System.Text;

namespace Satchel.Runtime.Interpreters;

/// <summary>
/// The one line a launcher prints when no interpreter matches: what was needed, every candidate
/// with the reason it was rejected, and what to do. SATCHEL_PYTHON gets its own wording, since
/// then it was the only candidate and the fix is to change or unset it.
/// </summary>
public static class NoMatchMessage
{
    public static string For(InterpreterSurvey survey)
    {
        var needed = survey.Requirement.Describe();
        var tried = Tried(survey.Verdicts);
        if (survey.Environment.SatchelPython is { } chosen)
        {
            return $"SATCHEL_PYTHON={chosen} cannot run this app, which needs {needed}: {tried}; point SATCHEL_PYTHON at a Python that matches {needed}, or unset it to let satchel search PATH and the usual places";
        }

        if (survey.Verdicts.Count == 0)
        {
            return $"no Python interpreter found on PATH or in the usual places (pyenv, uv, {string.Join(", ", survey.Environment.SystemDirectories)}); this app needs {needed}: install a Python that matches, or set SATCHEL_PYTHON to one";
        }

        return $"no Python interpreter matches {needed}; tried {tried}; install a Python that matches {needed}, or set SATCHEL_PYTHON to one";
    }

    /// <summary>"[1] PATH: reason, [2] PATH: reason"; a lone candidate without a number.</summary>
    public static string Tried(IReadOnlyList<CandidateVerdict> verdicts)
    {
        var text = new StringBuilder();
        for (var i = 0; i < verdicts.Count; i++)
        {
            var verdict = verdicts[i];
            text.Append(i == 0 ? string.Empty : ", ");
            if (verdicts.Count > 1)
            {
                text.Append('[').Append(i + 1).Append("] ");
            }

            text.Append(verdict.Candidate.Path).Append(": ").Append(verdict.Rejection ?? "not usable");
        }

        return text.ToString();
    }
}
