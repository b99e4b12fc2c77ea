using System.Diagnostics;
using Satchel.Testing;
using Satchel.Testing.Parity;
using Xunit;

namespace Satchel.EndToEnd.Tests.Compatibility;

/// <summary>
/// The compatibility suite (issue #18): each entry of <see cref="CompatibilityEntries"/> is built
/// with `satchel build` from the same requirements as a venv made by real pip, and both are run
/// with the same arguments, input and environment. Exit code, stdout and stderr must be identical
/// once paths are put in common words (<see cref="OutputNormalizer"/>), on the app's first start,
/// a later start, and in temp mode. With SATCHEL_COMPAT_TABLE set, each entry appends its row to
/// that file (tests/compat-table prints the table).
/// </summary>
public sealed class CompatibilitySuiteTests(CompatibilityFixture fixture) : IClassFixture<CompatibilityFixture>
{
    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var entry in CompatibilityEntries.All)
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
    public void An_entry_behaves_as_in_a_pip_venv(string id)
    {
        var entry = CompatibilityEntries.All.Single(e => e.Id == id);
        var venv = fixture.Venv(entry.Set);
        var script = entry.IsModule ? null : entry.Name;

        var outputs = Path.Combine(fixture.Root, "apps", Array.IndexOf(CompatibilityEntries.All, entry).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(outputs);
        var app = Path.Combine(outputs, entry.IsModule ? entry.Name.ToLowerInvariant() : entry.Name);
        var clock = Stopwatch.StartNew();
        var built = SatchelCli.Run(["build", "--python", CompatibilityFixture.Python, "--no-index", "-f", fixture.Wheels, "--compression-level", "1",
            .. CompatibilityEntries.Sets[entry.Set], entry.Option, entry.Name, "-o", app, "-q"]);
        Assert.True(built.ExitCode == 0, built.ToString());
        var buildSeconds = clock.Elapsed.TotalSeconds;

        ProcessResult Normalized(ProcessResult r, string? appPath) => r with
        {
            StdOut = OutputNormalizer.Normalize(r.StdOut, venv.Path, appPath, script, fixture.Inputs),
            StdErr = OutputNormalizer.Normalize(r.StdErr, venv.Path, appPath, script, fixture.Inputs),
        };

        var (program, args) = entry.IsModule
            ? (Path.Combine(venv.Bin, "python"), (string[])["-m", entry.Name, .. entry.Args])
            : (Path.Combine(venv.Bin, entry.Name), entry.Args);
        var expected = Normalized(ProcessRunner.Run(program, args, Env(entry), entry.Stdin, fixture.Inputs), null);

        var modes = new (string Mode, (string, string?)[] Env)[]
        {
            ("first start", [("SATCHEL_EXTRACT", null)]),
            ("later start", [("SATCHEL_EXTRACT", null)]),
            ("temp mode", [("SATCHEL_EXTRACT", "temp")]),
        };
        var differences = new List<string>();
        foreach (var (mode, env) in modes)
        {
            var actual = Normalized(ProcessRunner.Run(app, entry.Args, Env(entry, env), entry.Stdin, fixture.Inputs), app);
            if (actual != expected)
            {
                differences.Add($"{mode}:\n--- venv\n{expected}\n--- satchel\n{actual}");
            }
        }

        CompatibilityTable.Append(entry, expected.ExitCode, differences.Count == 0, buildSeconds);
        Assert.True(differences.Count == 0, $"{id} ({entry.What}) differs from the venv:\n{string.Join("\n", differences)}");
    }
}
