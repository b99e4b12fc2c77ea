namespace Satchel.EndToEnd.Tests.Compatibility;

/// <summary>
/// With SATCHEL_COMPAT_TABLE=FILE, one tab-separated row per entry run: set, entry, what it covers,
/// exit code, verdict (identical, "explained: WHY" for an entry with an <see cref="ExplainedDifference"/>
/// that held, DIFFERS), build seconds.
/// </summary>
public static class CompatibilityTable
{
    public const string Variable = "SATCHEL_COMPAT_TABLE";

    private static readonly Lock Gate = new();

    public static void Append(CompatibilityEntry entry, int exitCode, bool identical, double buildSeconds)
    {
        if (Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 } file)
        {
            return;
        }

        var row = string.Join('\t', entry.Set, $"{entry.Option} {entry.Name} {string.Join(' ', entry.Args)}".TrimEnd(), entry.What,
            exitCode.ToString(System.Globalization.CultureInfo.InvariantCulture), (identical, entry.Difference) switch
            {
                (false, _) => "DIFFERS",
                (true, null) => "identical",
                (true, { } difference) => "explained: " + difference.Why,
            },
            buildSeconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture));
        lock (Gate)
        {
            File.AppendAllText(file, row + "\n");
        }
    }
}
