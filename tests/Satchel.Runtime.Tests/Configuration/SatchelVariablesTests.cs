using System.Reflection;
using System.Text.RegularExpressions;
using Satchel.Runtime.Configuration;
using Xunit;

namespace Satchel.Runtime.Tests.Configuration;

/// <summary>Every SATCHEL_* variable is named once in code and documented in the README, and the README names no other.</summary>
public sealed partial class SatchelVariablesTests
{
    /// <summary>Set by the launcher for the app's Python and removed by its start hook: not for users.</summary>
    private static readonly string[] Internal = [SatchelVariables.Argv0];

    [Fact]
    public void The_readme_documents_exactly_the_variables_the_code_names()
    {
        var named = typeof(SatchelVariables).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetRawConstantValue()!).ToList();
        var readme = File.ReadAllText(Path.Combine(RepoRoot(), "README.md"));
        var documented = Variable().Matches(readme).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(named.Count, named.Distinct().Count());
        Assert.All(named.Except(Internal), v => Assert.Contains(v, documented));
        Assert.All(documented, v => Assert.Contains(v, named));
    }

    [GeneratedRegex(@"\bSATCHEL_[A-Z0-9_]*[A-Z0-9]\b")]
    private static partial Regex Variable();

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Satchel.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Satchel.sln above {AppContext.BaseDirectory}");
    }
}
