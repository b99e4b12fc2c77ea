using Satchel.Testing;
using Satchel.Testing.Wheels;

namespace Satchel.EndToEnd.Tests.Build;

/// <summary>
/// Real wheels re-packed from Python 3.11's installed distributions into one find-links folder,
/// shared by the Python build tests (re-packing Flask's set takes a few seconds).
/// </summary>
public sealed class PythonAppFixture : IDisposable
{
    public const string Python311 = InstalledDistributionWheels.DefaultInterpreter;

    public static readonly string[] FlaskSet = ["flask", "werkzeug", "jinja2", "markupsafe", "click", "itsdangerous", "blinker"];

    private readonly TempDirectory _dir = new("satchel-pyapps");

    public PythonAppFixture()
    {
        InstalledDistributionWheels.CopyInto(Wheels, FlaskSet);
    }

    /// <summary>A find-links folder holding the Flask set.</summary>
    public string Wheels => _dir.Combine("wheels");

    public void Dispose() => _dir.Dispose();
}
