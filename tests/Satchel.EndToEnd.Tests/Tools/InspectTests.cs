using System.Text.Json;
using Satchel.EndToEnd.Tests.Build;
using Satchel.Testing;
using Satchel.Testing.Wheels;
using Xunit;

namespace Satchel.EndToEnd.Tests.Tools;

/// <summary>`satchel inspect` and `SATCHEL_TOOLS=1 ./app info` on real packed and built apps.</summary>
public sealed class InspectTests(PythonAppFixture fixture) : IClassFixture<PythonAppFixture>, IDisposable
{
    private readonly ToolsSandbox _box = new();

    private string PackApp()
    {
        _box.Write("src/bin/run.sh", "#!/bin/sh\necho ran\n", executable: true);
        _box.Write("src/data/a.txt", new string('a', 5000));
        File.CreateSymbolicLink(_box.Combine("src", "link.txt"), "data/a.txt");
        return _box.Pack("src", "bin/run.sh", "packed");
    }

    [Fact]
    public void Inspect_json_of_a_packed_app_has_its_format_id_entry_and_unit_sizes()
    {
        var app = PackApp();
        var result = _box.Cli("inspect", app, "--json");
        Assert.True(result.ExitCode == 0, result.ToString());
        using var doc = JsonDocument.Parse(result.StdOut);
        var root = doc.RootElement;
        Assert.Equal(1, root.GetProperty("schema").GetInt32());
        Assert.Equal(1, root.GetProperty("format_version").GetInt32());
        Assert.Equal(Path.GetFullPath(app), root.GetProperty("path").GetString());
        Assert.Equal("packed", root.GetProperty("name").GetString());
        Assert.Matches("^[0-9a-f]{32}$", root.GetProperty("app_id").GetString());
        var entry = root.GetProperty("entry");
        Assert.Equal("exec", entry.GetProperty("kind").GetString());
        Assert.Equal("bin/run.sh", entry.GetProperty("path").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("interpreter").ValueKind);
        var build = root.GetProperty("build");
        var epoch = Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH") is { Length: > 0 } set ? long.Parse(set, System.Globalization.CultureInfo.InvariantCulture) : 315532800;
        Assert.Equal(epoch, build.GetProperty("source_date_epoch").GetInt64());
        Assert.Equal(JsonValueKind.Null, build.GetProperty("build_interpreter").ValueKind);
        Assert.Equal(JsonValueKind.Null, build.GetProperty("lock_sha256").ValueKind);
        Assert.StartsWith("0.1.0", build.GetProperty("satchel_version").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, root.GetProperty("distributions").GetArrayLength());

        var unit = Assert.Single(root.GetProperty("units").EnumerateArray().ToList());
        Assert.Equal("app", unit.GetProperty("kind").GetString());
        Assert.Equal(entry.GetProperty("unit").GetString(), unit.GetProperty("key").GetString());
        Assert.Equal(2, unit.GetProperty("files").GetInt64());
        Assert.Equal(1, unit.GetProperty("symlinks").GetInt64());
        Assert.Equal(2, unit.GetProperty("directories").GetInt64());
        Assert.Equal(5000 + "#!/bin/sh\necho ran\n".Length, unit.GetProperty("installed_bytes").GetInt64());
        var compressed = unit.GetProperty("compressed_bytes").GetInt64();
        Assert.InRange(compressed, 1, 1000); // 5000 'a's compress to a few bytes

        var sizes = root.GetProperty("sizes");
        Assert.Equal(new FileInfo(app).Length, sizes.GetProperty("file_bytes").GetInt64());
        Assert.Equal(new FileInfo(SatchelCli.Launcher).Length, sizes.GetProperty("launcher_bytes").GetInt64());
        Assert.Equal(compressed, sizes.GetProperty("compressed_bytes").GetInt64());

        // The app's own launcher prints the same JSON.
        var own = _box.Run(app, ["info", "--json"], ("SATCHEL_TOOLS", "1"));
        Assert.True(own.ExitCode == 0, own.ToString());
        Assert.Equal(result.StdOut, own.StdOut);
    }

    [Fact]
    public void Inspect_of_a_packed_app_as_text_and_from_the_app_names_entry_and_units()
    {
        var app = PackApp();
        var cli = _box.Cli("inspect", app);
        Assert.True(cli.ExitCode == 0, cli.ToString());
        var own = _box.Run(app, ["info"], ("SATCHEL_TOOLS", "1"));
        Assert.True(own.ExitCode == 0, own.ToString());
        foreach (var text in new[] { cli.StdOut, own.StdOut })
        {
            Assert.Contains("exec bin/run.sh", text);
            Assert.Contains("2 files", text);
        }

        Assert.False(Directory.Exists(_box.Root), "info must not extract anything");
    }

    [Fact]
    public void Inspect_json_of_a_python_app_lists_its_distributions_with_versions_and_the_interpreter_requirement()
    {
        _box.Write("py/webapp.py", "import flask\nprint('flask', flask.__name__)\n");
        var app = _box.Combine("webapp");
        var build = SatchelCli.Run(["build", "--python", PythonAppFixture.Python311, "--no-index", "-f", fixture.Wheels, "-o", app,
            "flask", "--sources", _box.Combine("py"), "-m", "webapp", "-q"]);
        Assert.True(build.ExitCode == 0, build.ToString());

        var result = _box.Cli("inspect", app, "--json");
        Assert.True(result.ExitCode == 0, result.ToString());
        using var doc = JsonDocument.Parse(result.StdOut);
        var root = doc.RootElement;
        var entry = root.GetProperty("entry");
        Assert.Equal("python", entry.GetProperty("kind").GetString());
        Assert.Equal("module", entry.GetProperty("python_kind").GetString());
        Assert.Equal("webapp", entry.GetProperty("target").GetString());
        var interpreter = root.GetProperty("interpreter");
        Assert.StartsWith("==3.11", interpreter.GetProperty("requirement").GetString()); // markupsafe has a cp311 extension
        Assert.Equal(JsonValueKind.Null, interpreter.GetProperty("bundled").ValueKind);

        var distributions = root.GetProperty("distributions").EnumerateArray()
            .ToDictionary(d => d.GetProperty("name").GetString()!.ToLowerInvariant(), d => d.GetProperty("version").GetString());
        foreach (var project in PythonAppFixture.FlaskSet)
        {
            var wheel = Path.GetFileName(InstalledDistributionWheels.Get(project));
            var version = wheel.Split('-')[1];
            Assert.True(distributions.TryGetValue(project, out var listed), $"{project} missing from {string.Join(", ", distributions.Keys)}");
            Assert.Equal(version, listed);
        }

        var units = root.GetProperty("units").EnumerateArray().ToList();
        var sources = units.Where(u => u.GetProperty("kind").GetString() != "bytecode").ToList();
        Assert.Equal(PythonAppFixture.FlaskSet.Length + 1, sources.Count);
        Assert.Equal("app", sources[0].GetProperty("kind").GetString());
        Assert.All(sources.Skip(1), u => Assert.Equal("wheel", u.GetProperty("kind").GetString()));
        Assert.Equal(sources.Count, units.Count - sources.Count); // every unit has modules: one bytecode unit each
        Assert.All(units, u => Assert.True(u.GetProperty("installed_bytes").GetInt64() > 0 && u.GetProperty("compressed_bytes").GetInt64() > 0));
        Assert.Equal(units.Sum(u => u.GetProperty("installed_bytes").GetInt64()), root.GetProperty("sizes").GetProperty("installed_bytes").GetInt64());
    }

    public void Dispose() => _box.Dispose();
}
