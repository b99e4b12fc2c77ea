using System.Collections;

namespace Satchel.Build.Resolution;

/// <summary>
/// The process environment and working directory the build interpreter is looked up in.
/// Explicit so lookups (PATH, pyenv's version files) can be exercised against a made-up world.
/// </summary>
public sealed class HostEnvironment(IReadOnlyDictionary<string, string> variables, string currentDirectory)
{
    public IReadOnlyDictionary<string, string> Variables { get; } = variables;

    public string CurrentDirectory { get; } = currentDirectory;

    public static HostEnvironment Current
    {
        get
        {
            var variables = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
            {
                variables[(string)entry.Key] = (string?)entry.Value ?? string.Empty;
            }

            return new HostEnvironment(variables, Environment.CurrentDirectory);
        }
    }

    /// <summary>The value of a variable, or null when it is unset or empty.</summary>
    public string? Get(string name) =>
        Variables.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    /// <summary>The directories of PATH, in order.</summary>
    public IEnumerable<string> SearchPath() =>
        (Get("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
}
