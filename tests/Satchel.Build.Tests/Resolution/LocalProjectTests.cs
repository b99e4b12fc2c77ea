using System.IO.Compression;
using System.Text.Json;
using Satchel.Build.Resolution;
using Satchel.Testing;
using Xunit;

namespace Satchel.Build.Tests.Resolution;

public sealed class LocalProjectTests
{
    [Fact]
    public void A_setuptools_project_is_built_offline_and_resolved_with_its_dependencies()
    {
        using var temp = new TempDirectory("satchel-project");
        var project = SampleProject.Write(temp);
        var links = ChainWheels.Write(temp.Combine("links"));
        var bootstrap = TestPythons.BootstrapFindLinks(temp.Combine("bootstrap"));

        var result = TestResolvers.For().Resolve(new ResolveRequest
        {
            WorkDirectory = temp.Combine("work"),
            LocalProjects = [project],
            PackageSources = new() { FindLinks = [links, bootstrap], NoIndex = true },
        });

        // setuptools and wheel were needed to build, but are not part of the app.
        Assert.Equal(["a 1.0", "b 2.0", "c 0.5", "my-app 0.3.0"], TestResolvers.Set(result));
        Assert.Equal(["My_App-0.3.0-py3-none-any.whl", "a-1.0-py3-none-any.whl", "b-2.0-py3-none-any.whl", "c-0.5-py3-none-any.whl"],
            TestResolvers.WheelFiles(result.WheelDirectory));
        var app = result.Find("my-app")!;
        Assert.True(app.Built);
        Assert.True(app.Requested);
        Assert.Equal(OriginKind.LocalProject, app.Origin.Kind);
        Assert.Equal(project, app.Origin.Source);
        Assert.False(result.Find("a")!.Requested);

        using var wheel = ZipFile.OpenRead(app.WheelPath);
        Assert.Contains(wheel.Entries, e => e.FullName == "myapp/cli.py");
        var entryPoints = wheel.Entries.Single(e => e.FullName.EndsWith(".dist-info/entry_points.txt", StringComparison.Ordinal));
        using var reader = new StreamReader(entryPoints.Open());
        Assert.Contains("my-app = myapp.cli:main", reader.ReadToEnd(), StringComparison.Ordinal);
        // pip's build environments lived in the work directory's temp folder, which is gone afterwards.
        Assert.False(Directory.Exists(temp.Combine("work", "tmp")));
        Assert.False(Directory.Exists(temp.Combine("work", "wheels.partial")));
    }

    [Theory]
    [InlineData("3.11")]
    [InlineData("3.8")]
    public void Pyproject_name_scripts_and_tool_satchel_are_read_through_the_interpreter(string minor)
    {
        using var temp = new TempDirectory("satchel-project");
        var project = SampleProject.Write(temp);
        var interpreter = InterpreterProbe.Probe(TestPythons.Binary(minor), HostEnvironment.Current);

        var metadata = new ProjectMetadataReader(interpreter).Read(project);

        Assert.True(metadata.HasPyproject);
        Assert.Equal("My_App", metadata.Name);
        Assert.Equal("0.3.0", metadata.Version);
        Assert.Equal(new Dictionary<string, string> { ["my-app"] = "myapp.cli:main" }, metadata.Scripts);
        Assert.Equal(new Dictionary<string, string> { ["my-app-gui"] = "myapp.gui:run" }, metadata.GuiScripts);
        var satchel = metadata.Satchel!.Value;
        Assert.Equal("my-app", satchel.GetProperty("console-script").GetString());
        Assert.Equal(">=3.8", satchel.GetProperty("interpreter-constraint").GetString());
        Assert.Equal(["--from-pyproject"], satchel.GetProperty("inject-args").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("bundle", satchel.GetProperty("inject-env").GetProperty("APP_MODE").GetString());
    }

    [Fact]
    public void A_pyproject_without_tool_satchel_or_project_tables_reads_as_empty()
    {
        using var temp = new TempDirectory("satchel-project");

        var metadata = ReadPyproject(temp, "[build-system]\nrequires = [\"setuptools\"]\n");

        Assert.True(metadata.HasPyproject);
        Assert.Null(metadata.Name);
        Assert.Empty(metadata.Scripts);
        Assert.Null(metadata.Satchel);
    }

    [Fact]
    public void Invalid_toml_is_a_data_error_naming_the_file()
    {
        using var temp = new TempDirectory("satchel-project");

        var error = Assert.Throws<Satchel.Runtime.Errors.SatchelException>(() => ReadPyproject(temp, "[project\nname = 'x'\n"));

        Assert.Equal(65, error.ExitCode);
        Assert.StartsWith($"{temp.Combine("p", "pyproject.toml")} is not valid TOML (", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Toml_dates_come_back_as_their_iso_text()
    {
        using var temp = new TempDirectory("satchel-project");

        var released = ReadPyproject(temp, "[tool.satchel]\nreleased = 2024-05-01\n").Satchel!.Value.GetProperty("released");

        Assert.Equal(JsonValueKind.String, released.ValueKind);
        Assert.Equal("2024-05-01", released.GetString());
    }

    private static ProjectMetadata ReadPyproject(TempDirectory temp, string toml)
    {
        temp.Write("p/pyproject.toml", toml);
        var interpreter = InterpreterProbe.Probe(TestPythons.Binary("3.11"), HostEnvironment.Current);
        return new ProjectMetadataReader(interpreter).Read(temp.Combine("p"));
    }
}
