using System.Net.Http;
using System.Net.Sockets;
using Satchel.Testing;
using Xunit;

namespace Satchel.EndToEnd.Tests.Build;

/// <summary>`satchel build` of real Python apps from real wheels, run for real.</summary>
public sealed class PythonBuildTests(PythonAppFixture fixture) : IClassFixture<PythonAppFixture>, IDisposable
{
    private const string Python = PythonAppFixture.Python311;
    private readonly TempDirectory _dir = new("satchel-pybuild");

    private Dictionary<string, string?> Env(params (string Key, string? Value)[] extra)
    {
        var env = new Dictionary<string, string?>
        {
            ["SATCHEL_ROOT"] = _dir.Combine("cache"),
            ["SATCHEL_PYTHON"] = Python,
            ["PYTHONPATH"] = null,
            ["SATCHEL_VERBOSE"] = null,
        };
        foreach (var (key, value) in extra)
        {
            env[key] = value;
        }

        return env;
    }

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
                port = int(sys.argv[1])
                app.run(host="127.0.0.1", port=port)
            """);
        return _dir.Combine("flaskapp");
    }

    [Fact]
    public async Task A_flask_app_built_with_sources_and_m_serves_a_request_on_loopback()
    {
        var app = Build("webapp", "flask", "--sources", FlaskSources(), "-m", "webapp");
        var port = FreePort();
        using var server = ProcessRunner.Start(app, [port.ToString()], Env());
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
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

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose() => _dir.Dispose();
}
