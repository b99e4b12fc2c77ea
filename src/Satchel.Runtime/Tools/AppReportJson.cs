using Satchel.Runtime.Format;
using Satchel.Runtime.Interpreters;

namespace Satchel.Runtime.Tools;

/// <summary>
/// The JSON form of an <see cref="AppReport"/> (`satchel inspect --json`, `./app info --json`),
/// specified in docs/tools.md. Consumers must ignore keys they do not know: fields are added, never
/// renamed. <c>build</c> is header tag 8 (SOURCE_DATE_EPOCH, satchel version, build interpreter,
/// lock digest), null only for apps written before satchel recorded it.
/// </summary>
public static class AppReportJson
{
    /// <summary>Bumped only if a field changes meaning or is removed; adding fields keeps it.</summary>
    public const int SchemaVersion = 1;

    public static string Render(AppReport report)
    {
        var header = report.Header;
        var json = new JsonText().StartObject()
            .Number("schema", SchemaVersion)
            .Text("path", report.Path)
            .Number("format_version", report.FormatVersion)
            .Text("app_id", report.AppId)
            .Text("platform", report.Platform)
            .Text("name", header.Name)
            .Text("extraction_mode", header.ExtractMode == ExtractMode.Temp ? "temp" : "cache")
            .Text("launcher_sha256", report.LauncherSha256Hex);
        WriteEntry(json, report);
        WriteInterpreter(json, report);
        WriteBuild(json, report.Provenance);
        WriteDistributions(json, report);
        WriteUnits(json, report);
        json.StartObject("sizes")
            .Number("file_bytes", report.FileBytes)
            .Number("launcher_bytes", report.LauncherBytes)
            .Number("header_bytes", report.HeaderBytes)
            .Number("index_bytes", report.IndexBytes)
            .Number("compressed_bytes", report.CompressedBytes)
            .Number("installed_bytes", report.InstalledBytes)
            .EndObject();
        return json.EndObject() + "\n";
    }

    private static void WriteEntry(JsonText json, AppReport report)
    {
        var launch = report.Header.Launch;
        json.StartObject("entry")
            .Text("kind", launch.Kind == LaunchKind.Python ? "python" : "exec")
            .Text("unit", report.Units[launch.EntryUnit].Unit.KeyHex);
        if (launch.Python is { } python)
        {
            json.Text("python_kind", AppReport.EntryKindName(python.EntryKind)).Text("target", python.Entry);
            json.StartArray("sys_path");
            foreach (var path in python.Paths)
            {
                json.StartObject().Text("unit", report.Units[path.Unit].Unit.KeyHex).Text("directory", path.Directory).EndObject();
            }

            json.EndArray();
        }
        else
        {
            json.Text("path", launch.EntryPath);
        }

        json.StartArray("injected_args");
        foreach (var arg in launch.InjectArgs)
        {
            json.Text(arg);
        }

        json.EndArray().StartObject("injected_env");
        foreach (var (name, value) in launch.InjectEnv)
        {
            json.Text(name, value);
        }

        json.EndObject().EndObject();
    }

    /// <summary>
    /// Null for an app that runs no Python. <c>requirement</c> is the header's interpreter
    /// requirement ("" = any Python; the first set's when there are several), <c>sets</c> each
    /// interpreter set (requirement, sys_path, distributions "name version"; one item unless the app
    /// was built with several --python), and <c>bundled</c>: the interpreter shipped in the app (header
    /// tag 7) with its unit and installed size, or null.
    /// </summary>
    private static void WriteInterpreter(JsonText json, AppReport report)
    {
        var header = report.Header;
        if (header.Launch.Python is not { } python)
        {
            json.Null("interpreter");
            return;
        }

        // Every set's requirement, as the compact form joins them ("==3.9.* || ==3.13.*"): what the app needs of an interpreter.
        json.StartObject("interpreter").Text("requirement", string.Join(InterpreterRequirementSet.Separator, python.Requirements()));
        json.StartArray("sets");
        foreach (var set in report.PythonSets)
        {
            json.StartObject().Text("requirement", set.Requirement).StartArray("sys_path");
            foreach (var path in set.Paths)
            {
                json.StartObject().Text("unit", header.Units[path.Unit].KeyHex).Text("directory", path.Directory).EndObject();
            }

            json.EndArray().StartArray("distributions");
            foreach (var distribution in set.Distributions)
            {
                json.Text(distribution);
            }

            json.EndArray().EndObject();
        }

        json.EndArray();
        if (python.Bundled is { } bundled)
        {
            var unit = header.Units[bundled.Unit];
            json.StartObject("bundled")
                .Text("version", bundled.Version)
                .Text("binary", bundled.Binary)
                .Text("abiflags", bundled.AbiFlags)
                .Text("machine", bundled.Machine)
                .Text("unit", unit.KeyHex)
                .Number("installed_bytes", unit.InstalledSize)
                .Number("files", unit.FileCount)
                .EndObject();
        }
        else
        {
            json.Null("bundled");
        }

        json.EndObject();
    }

    /// <summary>Reserved for header tag 8 (build and reproducibility information, lock digest); null until the header carries it.</summary>
    /// <summary>Header field 8; null for an app written before satchel recorded it.</summary>
    private static void WriteBuild(JsonText json, BuildProvenance? provenance)
    {
        if (provenance is null)
        {
            json.Null("build");
            return;
        }

        json.StartObject("build")
            .Number("source_date_epoch", provenance.SourceDateEpoch)
            .Text("satchel_version", provenance.SatchelVersion)
            .Text("build_interpreter", provenance.BuildInterpreter.Length == 0 ? null : provenance.BuildInterpreter)
            .Text("lock_sha256", provenance.LockSha256Hex)
            .EndObject();
    }

    private static void WriteDistributions(JsonText json, AppReport report)
    {
        json.StartArray("distributions");
        foreach (var unit in report.Units)
        {
            if (unit.Distribution is { } dist)
            {
                json.StartObject().Text("name", dist.Name).Text("version", dist.Version).Text("unit", unit.Unit.KeyHex).EndObject();
            }
        }

        json.EndArray();
    }

    private static void WriteUnits(JsonText json, AppReport report)
    {
        json.StartArray("units");
        foreach (var unit in report.Units)
        {
            json.StartObject()
                .Text("key", unit.Unit.KeyHex)
                .Text("kind", unit.KindName)
                .Text("name", unit.Unit.Name)
                .Number("files", unit.Files)
                .Number("directories", unit.Directories)
                .Number("symlinks", unit.Symlinks)
                .Number("blocks", unit.Blocks)
                .Number("compressed_bytes", unit.CompressedBytes)
                .Number("installed_bytes", unit.Unit.InstalledSize)
                .EndObject();
        }

        json.EndArray();
    }
}
