using System.Net.Http;
using System.Net.Sockets;
using Satchel.Testing;
using Satchel.Testing.PackageIndex;
using Satchel.Testing.Wheels;
using Xunit;

namespace Satchel.EndToEnd.Tests.Build;

/// <summary>`satchel build` of real Python apps from real wheels, run for real.</summary>
public sealed class PythonBuildTests(PythonAppFixture fixture) : IClassFixture<PythonAppFixture>, IDisposable
{
    private const string Python = PythonAppFixture.Python311;
    private readonly TempDirectory _dir = new("satchel-pybuild");

    private Dictionary<string, string?> Env(params (string Key, string? Value)[] extra) => AppEnvironment.For(_dir.Combine("cache"), Python, extra);

    private string Build(string name, params string[] args)
    {
        Directory.CreateDirectory(_dir.Combine("out"));
        var output = _dir.Combine("out", name);
        var result = SatchelCli.Run(["build", "--python", Python, "--no-index", "-f", fixture.Wheels, "-o", output, .. args]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return output;
    }

    private string FlaskSources()
    {
        _dir.Write("flaskapp/webapp.py", """
            import sys
            from flask import Flask
            import markupsafe, markupsafe._speedups

            app = Flask(__name__)

            @app.route("/")
            def index():
                return "hello " + markupsafe.escape("<satchel>") + " " + markupsafe._speedups.__file__

            if __name__ == "__main__":
                # Port 0: the kernel picks a free port as the server binds it, and the app says
                # which through a file (a port chosen beforehand can be taken in between).
                from werkzeug.serving import make_server
                server = make_server("127.0.0.1", 0, app)
                with open(sys.argv[1] + ".tmp", "w") as f:
                    f.write(str(server.server_port))
                import os
                os.rename(sys.argv[1] + ".tmp", sys.argv[1])
                server.serve_forever()
            """);
        return _dir.Combine("flaskapp");
    }

    [Fact]
    public async Task A_flask_app_built_with_sources_and_m_serves_a_request_on_loopback()
    {
        var app = Build("webapp", "flask", "--sources", FlaskSources(), "-m", "webapp");
        var portFile = _dir.Combine("webapp.port");
        using var server = ProcessRunner.Start(app, [portFile], Env());
        try
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
            while (!File.Exists(portFile) && !server.HasExited && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }

            Assert.True(File.Exists(portFile), "the server never bound a port: " + (server.HasExited ? server.StandardError.ReadToEnd() : "still running"));
            var port = int.Parse(File.ReadAllText(portFile), System.Globalization.CultureInfo.InvariantCulture);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            string? body = null;
            for (var attempt = 0; attempt < 150 && body is null && !server.HasExited; attempt++)
            {
                try
                {
                    body = await http.GetStringAsync($"http://127.0.0.1:{port}/");
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(200);
                }
            }

            Assert.True(body is not null, "the server never answered: " + (server.HasExited ? server.StandardError.ReadToEnd() : "still running"));
            Assert.StartsWith("hello &lt;satchel&gt; ", body);
            // The C extension came from the cache, not from the host's site-packages.
            Assert.Contains(_dir.Combine("cache", "v1", "units"), body);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            server.WaitForExit();
        }
    }

    [Fact]
    public void A_console_script_app_built_with_c_runs_and_argv0_is_the_app()
    {
        var app = Build("flaskcli", "flask", "-c", "flask");
        var result = ProcessRunner.Run(app, ["--version"], Env());
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Flask 3.", result.StdOut);
        Assert.Contains("Werkzeug", result.StdOut);

        _dir.Write("argv/show.py", "import sys\nprint(sys.argv[0])\n");
        var show = Build("show", "--sources", _dir.Combine("argv"), "-m", "show");
        Assert.Equal(show + "\n", ProcessRunner.Run(show, [], Env()).StdOut);

        // A --script entry too (runpy.run_path would show the script's path in the cache), run as
        // `python FILE` runs it: __name__ is __main__, __file__ is the script, its directory first on sys.path.
        _dir.Write("argvscript/run_me.py", "import os, sys\nprint(sys.argv[0], __name__, os.path.basename(__file__), sys.path[0] == os.path.dirname(__file__), sys.argv[1:])\n");
        var script = Build("showscript", "--script", _dir.Combine("argvscript", "run_me.py"));
        var ran = ProcessRunner.Run(script, ["x y"], Env());
        Assert.True(ran.ExitCode == 0, ran.ToString());
        Assert.Equal($"{script} __main__ run_me.py True ['x y']\n", ran.StdOut);
    }

    [Fact]
    public void Pip_from_debians_wheel_builds_as_c_pip()
    {
        var pipWheel = Directory.GetFiles("/usr/share/python-wheels", "pip-*.whl").Single();
        var app = Build("pip", pipWheel, "-c", "pip");
        var result = ProcessRunner.Run(app, ["--version"], Env());
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("pip ", result.StdOut);
        Assert.Contains(_dir.Combine("cache", "v1", "units"), result.StdOut);
    }

    [Theory]
    [InlineData("cache")]
    [InlineData("cache é x")] // not plain ASCII: the venv's .pth then adds every unit with addsitedir
    public void Pth_files_inside_wheels_run_and_units_keep_their_order_on_sys_path(string root)
    {
        // A .pth with a path line and an import line, as setuptools and old namespace packages ship.
        var links = _dir.Combine("pthlinks");
        new WheelBuilder("hooked", "1.0")
            .AddFile("hooked/__init__.py", "")
            .AddFile("hooked_extra/extramod.py", "WHERE = 'extra'\n")
            .AddFile("hooked-hook.pth", "hooked_extra\nimport os; os.environ['HOOKED_PTH'] = 'ran'\n")
            .Build(links);
        new WheelBuilder("plainpkg", "1.0").AddFile("plainpkg/__init__.py", "").Build(links);
        _dir.Write("pthapp/pthapp.py", """
            import os, sys, extramod, hooked, plainpkg
            print(os.environ.get("HOOKED_PTH"), extramod.WHERE)
            # As in one shared site-packages: every unit's directory once, the .pth's additions last.
            units = [p for p in sys.path if "/units/" in p]
            sites = {os.path.dirname(os.path.dirname(m.__file__)) for m in (hooked, plainpkg)}
            print(units[-1] == os.path.dirname(extramod.__file__), len(units) == len(set(units)), sites <= set(units[:-1]))
            """);
        var app = Build("pthapp" + root.Length, "-f", links, "hooked", "plainpkg", "--sources", _dir.Combine("pthapp"), "-m", "pthapp");
        var result = ProcessRunner.Run(app, [], Env(("SATCHEL_ROOT", _dir.Combine(root))));
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("ran extra\nTrue True True\n", result.StdOut);
    }

    [Fact]
    public void A_callable_entry_runs_as_a_script_of_its_own_with_or_without_bytecode()
    {
        // As a console script of a venv: __main__ is the script itself, its directory first on sys.path.
        _dir.Write("bootcheck/bootcheck.py", "import os, sys\ndef main():\n    m = sys.modules['__main__']\n    print('/'.join(m.__file__.split('/')[-2:]), sys.path[0] == os.path.dirname(m.__file__), sys.argv[0] == os.environ['SATCHEL_APP'])\n");
        var app = Build("bootcheck", "--sources", _dir.Combine("bootcheck"), "-m", "bootcheck:main");

        Assert.Equal("satchel/bootcheck True True\n", ProcessRunner.Run(app, [], Env(("PYTHONDONTWRITEBYTECODE", null))).StdOut);
        Assert.Equal("satchel/bootcheck True True\n", ProcessRunner.Run(app, [], Env(("PYTHONDONTWRITEBYTECODE", null))).StdOut);
        Assert.Equal("satchel/bootcheck True True\n", ProcessRunner.Run(app, [], Env(("PYTHONDONTWRITEBYTECODE", "1"))).StdOut);
    }

    [Fact]
    public void A_pythonpath_with_a_fake_flask_does_not_shadow_the_apps_flask()
    {
        _dir.Write("fake/flask/__init__.py", "raise SystemExit('the fake flask was imported')\n");
        _dir.Write("which/which.py", "import flask, sys\nprint(flask.__file__)\n");
        var app = Build("which", "flask", "--sources", _dir.Combine("which"), "-m", "which");
        var result = ProcessRunner.Run(app, [], Env(("PYTHONPATH", _dir.Combine("fake"))));
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith(_dir.Combine("cache", "v1", "units"), result.StdOut);

        // Opting in lets it through.
        var inherited = ProcessRunner.Run(app, [], Env(("PYTHONPATH", _dir.Combine("fake")), ("SATCHEL_INHERIT_PATH", "1")));
        Assert.Contains("the fake flask was imported", inherited.StdErr);
    }

    [Fact]
    public void Two_apps_sharing_flask_extract_its_unit_once()
    {
        _dir.Write("one/one.py", "import flask\nprint('one')\n");
        _dir.Write("two/two.py", "import flask\nprint('two')\n");
        var one = Build("one", "flask", "--sources", _dir.Combine("one"), "-m", "one");
        var two = Build("two", "flask", "--sources", _dir.Combine("two"), "-m", "two");
        var first = ProcessRunner.Run(one, [], Env(("SATCHEL_VERBOSE", "1")));
        Assert.Equal("one\n", first.StdOut);
        var second = ProcessRunner.Run(two, [], Env(("SATCHEL_VERBOSE", "1")));
        Assert.Equal("two\n", second.StdOut);
        Assert.Contains("(Flask 3.", first.StdErr);
        Assert.DoesNotContain("(Flask 3.", second.StdErr); // only the new app unit is extracted
        Assert.Contains("miss: 1 of 8 units", second.StdErr);
    }

    [Fact]
    public void Keyboard_interrupt_and_exit_statuses_pass_through()
    {
        _dir.Write("codes/codes.py", "import sys\nif sys.argv[1] == 'kbd':\n    raise KeyboardInterrupt\nsys.exit(int(sys.argv[1]))\n");
        var app = Build("codes", "--sources", _dir.Combine("codes"), "-m", "codes");
        Assert.Equal(3, ProcessRunner.Run(app, ["3"], Env()).ExitCode);
        Assert.Equal(130, ProcessRunner.Run(app, ["kbd"], Env()).ExitCode);
    }

    [Fact]
    public void A_pure_python_app_runs_under_every_python_from_3_8_to_3_13()
    {
        _dir.Write("pure/pure.py", "import sys\nprint('%d.%d' % sys.version_info[:2], sys.argv[1:])\n");
        var app = Build("pure", "--sources", _dir.Combine("pure"), "-m", "pure", "--interpreter-constraint", ">=3.8");
        foreach (var version in new[] { "3.8", "3.9", "3.10", "3.11", "3.12", "3.13" })
        {
            var python = Directory.GetFiles("/root/.pyenv/versions", "python" + version, SearchOption.AllDirectories)
                .First(p => p.Contains("/versions/" + version + ".", StringComparison.Ordinal) && p.EndsWith("/bin/python" + version, StringComparison.Ordinal));
            var result = ProcessRunner.Run(app, ["x"], Env(("SATCHEL_PYTHON", python)));
            Assert.True(result.ExitCode == 0, $"{version}: {result}");
            Assert.Equal($"{version} ['x']\n", result.StdOut);
        }
    }

    [Fact]
    public void Without_satchel_python_the_launcher_picks_an_interpreter_matching_the_constraint()
    {
        _dir.Write("pick/pick.py", "import sys\nprint('%d.%d' % sys.version_info[:2])\n");
        var app = Build("pick", "--sources", _dir.Combine("pick"), "-m", "pick", "--interpreter-constraint", ">=3.12");
        var result = ProcessRunner.Run(app, [], Env(("SATCHEL_PYTHON", null)));
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(result.StdOut.Trim(), new[] { "3.12", "3.13" });

        var impossible = Build("never", "--sources", _dir.Combine("pick"), "-m", "pick", "--interpreter-constraint", ">=4");
        var refused = ProcessRunner.Run(impossible, [], Env(("SATCHEL_PYTHON", null)));
        Assert.Equal(69, refused.ExitCode);
        Assert.Contains(">=4", refused.StdErr);
        Assert.DoesNotContain("   at ", refused.StdErr);
    }

    [NonLoopbackFact]
    public void An_index_off_loopback_over_plain_http_needs_trusted_host_and_then_builds()
    {
        using var index = new SimpleIndexServer(fixture.Wheels, SimpleIndexServer.NonLoopbackAddress());
        var output = _dir.Combine("out", "flaskcli");
        Directory.CreateDirectory(_dir.Combine("out"));
        string[] args = ["build", "--python", Python, "-i", index.IndexUrl, "flask", "-c", "flask", "-o", output];

        var refused = SatchelCli.Run(args);
        Assert.True(refused.ExitCode != 0, refused.ToString());
        Assert.Contains($"--trusted-host {index.Host}", refused.StdErr);
        Assert.False(File.Exists(output));

        var built = SatchelCli.Run([.. args, "--trusted-host", index.Host, "-q"]);
        Assert.True(built.ExitCode == 0, built.ToString());
        var result = ProcessRunner.Run(output, ["--version"], Env());
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Flask 3.", result.StdOut);
    }

    public void Dispose() => _dir.Dispose();
}
