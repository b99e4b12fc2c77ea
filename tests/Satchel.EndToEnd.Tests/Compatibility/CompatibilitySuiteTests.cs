using System.Diagnostics;
using Satchel.Testing;
using Satchel.Testing.Parity;
using Xunit;

namespace Satchel.EndToEnd.Tests.Compatibility;

/// <summary>
/// The compatibility suite (issue #18): each entry of <see cref="CompatibilityEntries"/> is built
/// with `satchel build` from the same requirements as a venv made by real pip, and both are run
/// with the same arguments, input and environment. Exit code, stdout and stderr must be identical
/// once paths are put in common words (<see cref="OutputNormalizer"/>), and so must the file an
/// entry writes (<see cref="CompatibilityEntry.Writes"/>), on the app's first start, a later start,
/// and in temp mode; an entry's <see cref="ExplainedDifference"/> is the one difference allowed. With SATCHEL_COMPAT_TABLE set, each entry appends its row to
/// that file (tests/compat-table prints the table).
/// </summary>
public sealed class CompatibilitySuiteTests(CompatibilityFixture fixture) : IClassFixture<CompatibilityFixture>
{
    public static TheoryData<string> Ids() => IdsWhere(e => !CompatibilityEntries.DebianSets.ContainsKey(e.Set));

    public static TheoryData<string> DebianIds() => IdsWhere(e => CompatibilityEntries.DebianSets.ContainsKey(e.Set));

    private static TheoryData<string> IdsWhere(Func<CompatibilityEntry, bool> include)
    {
        var data = new TheoryData<string>();
        foreach (var entry in CompatibilityEntries.All.Where(include))
        {
            data.Add(entry.Id);
        }

        return data;
    }

    private Dictionary<string, string?> Env(CompatibilityEntry entry, params (string Key, string? Value)[] extra) =>
        AppEnvironment.For(fixture.Cache, CompatibilityFixture.Python,
        [
            ("HOME", fixture.Home), ("IPYTHONDIR", Path.Combine(fixture.Home, ".ipython")),
            ("COLUMNS", "100"), ("TERM", "dumb"), ("LC_ALL", "C.UTF-8"), ("PAGER", "cat"),
            .. (entry.Env ?? []).Select(e => (e.Key, (string?)e.Value)), .. extra,
        ]);

    [CompatibilityTheory]
    [MemberData(nameof(Ids))]
    public void An_entry_behaves_as_in_a_pip_venv(string id) => Compare(id);

    /// <summary>The entries of sets re-packed from Debian's packages: keyring's entry-point backends, the namespace package jaraco.</summary>
    [DebianCompatibilityTheory]
    [MemberData(nameof(DebianIds))]
    public void An_entry_of_Debian_packages_behaves_as_in_a_pip_venv(string id) => Compare(id);

    private void Compare(string id)
    {
        var entry = CompatibilityEntries.All.Single(e => e.Id == id);
        var venv = fixture.Venv(entry.Set);
        var script = entry.IsModule ? null : entry.Name;

        var outputs = Path.Combine(fixture.Root, "apps", Array.IndexOf(CompatibilityEntries.All, entry).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(outputs);
        var app = Path.Combine(outputs, entry.IsModule ? entry.Name.ToLowerInvariant() : entry.Name);
        var clock = Stopwatch.StartNew();
        var built = SatchelCli.Run(["build", "--python", CompatibilityFixture.Python, "--no-index", "-f", fixture.FindLinks(entry.Set), "--compression-level", "1",
            .. CompatibilityEntries.Sets[entry.Set], entry.Option, entry.Name, "-o", app, "-q"]);
        Assert.True(built.ExitCode == 0, built.ToString());
        var buildSeconds = clock.Elapsed.TotalSeconds;

        string Normalize(string text, string? appPath) => OutputNormalizer.Normalize(text, venv.Path, appPath, script, fixture.Inputs);

        // What one run shows: its exit code and output, and the file the entry writes (removed first, so each run starts alike).
        ProcessResult Run(string program, string[] args, Dictionary<string, string?> env, string? appPath)
        {
            var written = entry.Writes is null ? null : Path.Combine(fixture.Inputs, entry.Writes);
            if (written is not null)
            {
                File.Delete(written);
            }

            var r = ProcessRunner.Run(program, args, env, entry.Stdin, fixture.Inputs);
            var file = written is null ? string.Empty
                : File.Exists(written) ? $"\n--- {entry.Writes}\n{Normalize(File.ReadAllText(written), appPath)}" : $"\n--- {entry.Writes} not written";
            var stdout = Normalize(r.StdOut, appPath);
            if (entry.LinesInAnyOrder)
            {
                stdout = string.Concat(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).Select(l => l + "\n"));
            }

            return new ProcessResult(r.ExitCode, stdout, Normalize(r.StdErr, appPath) + file);
        }

        var (program, args) = entry.IsModule
            ? (Path.Combine(venv.Bin, "python"), (string[])["-m", entry.Name, .. entry.Args])
            : (Path.Combine(venv.Bin, entry.Name), entry.Args);
        var venvResult = Run(program, args, Env(entry), null);
        Assert.True(entry.Writes is null || File.Exists(Path.Combine(fixture.Inputs, entry.Writes)),
            $"{id}: the venv did not write {entry.Writes}, so comparing it would compare nothing:\n{venvResult}");
        var expected = venvResult;
        if (entry.Difference is { } difference)
        {
            Assert.True(venvResult.StdOut.Contains(difference.Venv, StringComparison.Ordinal),
                $"{id}: the venv no longer prints what the explained difference names ({difference.Why}):\n{difference.Venv}\n--- venv\n{venvResult}");
            expected = venvResult with { StdOut = venvResult.StdOut.Replace(difference.Venv, difference.App, StringComparison.Ordinal) };
        }

        var modes = new (string Mode, (string, string?)[] Env)[]
        {
            ("first start", [("SATCHEL_EXTRACT", null)]),
            ("later start", [("SATCHEL_EXTRACT", null)]),
            ("temp mode", [("SATCHEL_EXTRACT", "temp")]),
        };
        var differences = new List<string>();
        foreach (var (mode, env) in modes)
        {
            var actual = Run(app, entry.Args, Env(entry, env), app);
            if (actual != expected)
            {
                differences.Add($"{mode}:\n--- venv{(entry.Difference is null ? string.Empty : ", with the explained difference applied")}\n{expected}\n--- satchel\n{actual}");
            }
        }

        CompatibilityTable.Append(entry, expected.ExitCode, differences.Count == 0, buildSeconds);
        Assert.True(differences.Count == 0, $"{id} ({entry.What}) differs from the venv:\n{string.Join("\n", differences)}");
    }
}
