using Satchel.Runtime.Python;
using Satchel.Build.Wheels;
using Satchel.Testing;
using Satchel.Testing.Wheels;
using Xunit;

namespace Satchel.Build.Tests.Wheels;

/// <summary>
/// Real wheels, re-packed from Python 3.11's installed distributions or shipped by Debian,
/// installed by the C# installer and then imported and run by the real interpreter with nothing
/// but the installed trees on its path.
/// </summary>
public sealed class RealWheelInstallTests(RealWheelInstallTests.FlaskDistributions flask) : IClassFixture<RealWheelInstallTests.FlaskDistributions>, IDisposable
{
    private const string Python = InstalledDistributionWheels.DefaultInterpreter;
    private readonly TempDirectory _dir = new("satchel-realwheel");

    [Fact]
    public void The_flask_stack_imports_from_the_installed_trees_alone_including_markupsafes_extension()
    {
        var result = IsolatedPython.Run(Python, flask.SitePackages, "-c", """
            import sys, flask, werkzeug, jinja2, click, itsdangerous, blinker, markupsafe, markupsafe._speedups
            assert "site" not in sys.modules
            print(flask.__version__)
            for m in (flask, werkzeug, jinja2, click, itsdangerous, blinker, markupsafe._speedups):
                print(m.__file__)
            print(markupsafe.escape("<b>"))
            """);
        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.StdOut.TrimEnd('\n').Split('\n');
        Assert.Equal(flask.Wheels["flask"].Version, lines[0]);
        Assert.All(lines[1..8], file => Assert.StartsWith(flask.Root + "/", file, StringComparison.Ordinal));
        Assert.EndsWith(".so", lines[7], StringComparison.Ordinal);
        Assert.Equal("&lt;b&gt;", lines[8]);
    }

    [Fact]
    public void Tags_and_native_code_are_reported_as_the_distributions_are_built()
    {
        var markupsafe = flask.Wheels["markupsafe"];
        Assert.True(markupsafe.HasNativeCode);
        Assert.False(markupsafe.Info.RootIsPurelib);
        var tag = Assert.Single(markupsafe.Tags);
        Assert.Equal(new WheelTag("cp311", "cp311", "linux_x86_64"), tag);
        Assert.True(tag.Requirement!.Accepts("cp", 3, 11) && !tag.Requirement.Accepts("cp", 3, 12));

        foreach (var pure in new[] { "flask", "werkzeug", "jinja2", "click", "itsdangerous", "blinker" })
        {
            Assert.False(flask.Wheels[pure].HasNativeCode, pure);
            Assert.True(flask.Wheels[pure].FileName.IsPure, pure);
        }

        Assert.Equal("flask = flask.cli:main", Assert.Single(flask.Wheels["flask"].ConsoleScripts).ToString());
        Assert.Equal(">=3.9", flask.Wheels["flask"].RequiresPython);
    }

    [Fact]
    public void Every_installed_RECORD_is_confirmed_by_pythons_own_metadata_reader()
    {
        // importlib.metadata reads the RECORD Satchel wrote; every listed file must exist with that size and hash.
        var result = IsolatedPython.Run(Python, flask.SitePackages, "-c", """
            import base64, hashlib, importlib.metadata as md, sys
            checked = 0
            for site in sys.path[1:]:
                for dist in md.distributions(path=[site]):
                    for f in dist.files:
                        path = f.locate()
                        if f.hash is None:
                            assert f.name == "RECORD", f
                            continue
                        data = path.read_bytes()
                        digest = base64.urlsafe_b64encode(hashlib.new(f.hash.mode, data).digest()).rstrip(b"=").decode()
                        assert (digest, len(data)) == (f.hash.value, f.size), f
                        checked += 1
                    assert dist.read_text("INSTALLER") == "satchel\n"
            print(checked)
            """);
        Assert.True(result.ExitCode == 0, result.ToString());
        var files = flask.Wheels.Values.Sum(w => Directory.GetFiles(w.SitePackages, "*", SearchOption.AllDirectories).Length - 1);
        Assert.Equal(files, int.Parse(result.StdOut, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void The_flask_console_script_rendered_from_its_entry_point_runs()
    {
        var script = _dir.Write("bin/flask", ConsoleScript.Render(flask.Wheels["flask"].ConsoleScripts[0].Module, flask.Wheels["flask"].ConsoleScripts[0].Attribute, Python), executable: true);
        var result = IsolatedPython.Run(Python, flask.SitePackages, script, "--version");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"Flask {flask.Wheels["flask"].Version}", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Debians_pip_wheel_installs_imports_and_runs_through_its_entry_point()
    {
        var wheelPath = Directory.GetFiles("/usr/share/python-wheels", "pip-*.whl").Single();
        var pip = WheelInstaller.Install(wheelPath, _dir.Combine("pip"));
        Assert.Equal(["pip", "pip3", "pip3.11"], pip.ConsoleScripts.Select(e => e.Name));
        Assert.All(pip.ConsoleScripts, e => Assert.Equal(("pip._internal.cli.main", "main"), (e.Module, e.Attribute)));

        var imported = IsolatedPython.Run(Python, [pip.SitePackages], "-c", "import pip; print(pip.__version__); print(pip.__file__)");
        Assert.True(imported.ExitCode == 0, imported.ToString());
        Assert.Equal($"{pip.Version}\n{pip.SitePackages}/pip/__init__.py\n", imported.StdOut);

        var script = _dir.Write("bin/pip", ConsoleScript.Render(pip.ConsoleScripts[0].Module, pip.ConsoleScripts[0].Attribute, Python), executable: true);
        var ran = IsolatedPython.Run(Python, [pip.SitePackages], script, "--version");
        Assert.True(ran.ExitCode == 0, ran.ToString());
        Assert.StartsWith($"pip {pip.Version} from {pip.SitePackages}/pip", ran.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Repacking_an_installed_distribution_is_deterministic()
    {
        var one = InstalledDistributionWheels.Repack("markupsafe", _dir.Combine("one"));
        var two = InstalledDistributionWheels.Repack("markupsafe", _dir.Combine("two"));
        Assert.Equal(Path.GetFileName(one), Path.GetFileName(two));
        Assert.Equal(File.ReadAllBytes(one), File.ReadAllBytes(two));
    }

    public void Dispose() => _dir.Dispose();

    /// <summary>Flask and its dependencies, re-packed and installed once for the whole class.</summary>
    public sealed class FlaskDistributions : IDisposable
    {
        private readonly TempDirectory _dir = new("satchel-flask");

        public FlaskDistributions()
        {
            foreach (var project in new[] { "flask", "werkzeug", "jinja2", "markupsafe", "click", "itsdangerous", "blinker" })
            {
                Wheels[project] = WheelInstaller.Install(InstalledDistributionWheels.Get(project), _dir.Combine(project));
            }
        }

        public string Root => _dir.Path;

        public Dictionary<string, InstalledWheel> Wheels { get; } = new(StringComparer.Ordinal);

        public IEnumerable<string> SitePackages => Wheels.Values.Select(w => w.SitePackages);

        public void Dispose() => _dir.Dispose();
    }
}
