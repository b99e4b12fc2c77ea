using Satchel.Testing;

namespace Satchel.Build.Tests.Resolution;

/// <summary>A small setuptools project with a console script, a dependency on "a" and a [tool.satchel] table of keys the product reads.</summary>
internal static class SampleProject
{
    public static string Write(TempDirectory temp, string folder = "project")
    {
        temp.Write($"{folder}/pyproject.toml", """
            [build-system]
            requires = ["setuptools>=61", "wheel"]
            build-backend = "setuptools.build_meta"

            [project]
            name = "My_App"
            version = "0.3.0"
            dependencies = ["a"]

            [project.scripts]
            my-app = "myapp.cli:main"

            [project.gui-scripts]
            my-app-gui = "myapp.gui:run"

            [tool.satchel]
            console-script = "my-app"
            interpreter-constraint = ">=3.8"
            inject-args = ["--from-pyproject"]

            [tool.satchel.inject-env]
            APP_MODE = "bundle"
            """);
        temp.Write($"{folder}/src/myapp/__init__.py", string.Empty);
        temp.Write($"{folder}/src/myapp/cli.py", "def main():\n    print('hello from my-app')\n");
        return temp.Combine(folder);
    }
}
