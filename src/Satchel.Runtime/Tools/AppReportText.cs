using System.Text;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Format;

namespace Satchel.Runtime.Tools;

/// <summary>
/// The plain-text form of an <see cref="AppReport"/>, printed by `./app info` (the launcher has
/// no terminal rendering; `satchel inspect` draws the same figures with a bar chart).
/// </summary>
public static class AppReportText
{
    public static string Render(AppReport report)
    {
        var header = report.Header;
        var text = new StringBuilder();
        Line(text, "app", $"{header.Name} ({report.Path})");
        Line(text, "app id", report.AppId);
        Line(text, "platform", report.Platform);
        Line(text, "format", $"version {report.FormatVersion}, extraction into the {(header.ExtractMode == ExtractMode.Temp ? "temp directory" : "cache")}");
        Line(text, "entry", report.EntryText);
        if (report.InterpreterText is { } interpreter)
        {
            Line(text, "interpreter", interpreter);
        }

        if (report.PythonSets is { Count: > 1 } sets)
        {
            foreach (var set in sets)
            {
                Line(text, "  python", set.Text);
            }
        }

        if (report.Provenance is { } provenance)
        {
            Line(text, "build", BuildText(provenance));
        }

        if (report.LauncherSha256Hex is { } launcher)
        {
            Line(text, "launcher", "sha256 " + launcher);
        }

        Line(text, "size", $"{ByteCount.Human(report.FileBytes)} file: {ByteCount.Human(report.LauncherBytes)} launcher, {ByteCount.Human(report.CompressedBytes)} compressed data, {ByteCount.Human(report.InstalledBytes)} installed");
        text.Append("units:\n");
        foreach (var unit in report.Units)
        {
            text.Append("  ").Append(unit.Unit.KeyHex.AsSpan(0, 12)).Append("  ").Append(unit.KindName.PadRight(11))
                .Append(ByteCount.Human(unit.CompressedBytes).PadLeft(10)).Append(" compressed")
                .Append(ByteCount.Human(unit.Unit.InstalledSize).PadLeft(10)).Append(" installed  ")
                .Append(unit.Files).Append(" files  ").Append(unit.Unit.Name).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The provenance field in one line, shared by `./app info` and `satchel inspect`.</summary>
    public static string BuildText(BuildProvenance provenance) =>
        $"satchel {provenance.SatchelVersion}"
        + (provenance.BuildInterpreter.Length == 0 ? string.Empty : $", {provenance.BuildInterpreter}")
        + $", SOURCE_DATE_EPOCH {provenance.SourceDateEpoch}"
        + (provenance.LockSha256Hex is { } lockDigest ? $", lock sha256 {lockDigest}" : ", no lock");

    private static void Line(StringBuilder text, string label, string value) =>
        text.Append((label + ":").PadRight(13)).Append(value).Append('\n');
}
