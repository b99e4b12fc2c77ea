namespace Satchel.Testing;

/// <summary>The repository's scripts/ (found above the test output directory), for tests that run them.</summary>
public static class RepositoryScripts
{
    /// <summary>The path of scripts/<paramref name="name"/>.</summary>
    public static string Find(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "scripts", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException($"scripts/{name} not found above {AppContext.BaseDirectory}: run the tests from the repository");
    }

    /// <summary>The checkout the scripts belong to.</summary>
    public static string RepositoryRoot => Path.GetDirectoryName(Path.GetDirectoryName(Find("build-dist")))!;
}
