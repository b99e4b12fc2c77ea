using System.Text.Json;
using Satchel.Build.Resolution;
using Satchel.Runtime.Errors;

namespace Satchel.Build.Locking;

/// <summary>
/// Reads a pylock.toml (PEP 751) through the build interpreter's TOML parser
/// (<see cref="TomlFileReader"/>) and checks that satchel can build exactly its set: lock-version
/// 1.x, and for every package a name, a version and either one wheel with a name, a url or path,
/// and a sha256, or a (non-editable) local project directory. Packages that only offer an sdist,
/// an archive or a VCS checkout are refused (exit 65) rather than silently resolved.
/// </summary>
public static class PylockReader
{
    public static PylockDocument Read(string lockPath, TomlFileReader toml)
    {
        using var document = toml.Read(lockPath);
        var root = document.RootElement;
        var version = Text(root, "lock-version") ?? throw Invalid(lockPath, "it has no lock-version");
        if (version.Split('.')[0] != "1")
        {
            throw Invalid(lockPath, $"lock-version {version} is not a version 1 lock; this satchel reads lock-version 1.x");
        }

        var packages = new List<LockedPackage>();
        if (root.TryGetProperty("packages", out var list))
        {
            if (list.ValueKind != JsonValueKind.Array)
            {
                throw Invalid(lockPath, "packages is not an array of tables");
            }

            foreach (var item in list.EnumerateArray())
            {
                packages.Add(Package(lockPath, item));
            }
        }

        // The same package twice is for different interpreters only (each entry's marker says for
        // which); PythonVersionMarker.Select checks, per interpreter, that one entry remains.
        var duplicate = packages.GroupBy(p => p.NormalizedName).FirstOrDefault(g => g.Count() > 1 && g.Any(p => p.Marker is null));
        if (duplicate is not null)
        {
            throw Invalid(lockPath, $"it locks {duplicate.Key} {duplicate.Count()} times; satchel builds locks for one environment, one version per package (per Python version, with a marker on each entry)");
        }

        return new PylockDocument(version, Text(root, "requires-python"), Text(root, "created-by") ?? string.Empty, packages);
    }

    private static LockedPackage Package(string lockPath, JsonElement item)
    {
        var name = Text(item, "name") ?? throw Invalid(lockPath, "a package has no name");
        var version = Text(item, "version") ?? throw Invalid(lockPath, $"package {name} has no version");
        if (item.TryGetProperty("directory", out var directory) && directory.ValueKind == JsonValueKind.Object && !item.TryGetProperty("wheels", out _))
        {
            var path = Text(directory, "path") ?? throw Invalid(lockPath, $"the directory of {name} {version} has no path");
            if (directory.TryGetProperty("editable", out var editable) && editable.ValueKind == JsonValueKind.True)
            {
                throw Invalid(lockPath, $"package {name} {version} is an editable directory; an app cannot hold an editable install");
            }

            return new LockedPackage(name, version, null, null, null, path, Text(item, "marker"));
        }

        if (!item.TryGetProperty("wheels", out var wheels) || wheels.ValueKind != JsonValueKind.Array || wheels.GetArrayLength() == 0)
        {
            var other = new[] { "sdist", "archive", "vcs" }.FirstOrDefault(key => item.TryGetProperty(key, out _));
            throw Invalid(lockPath, other is null
                ? $"package {name} {version} has no wheels"
                : $"package {name} {version} is locked as {other}, which would have to be built; satchel builds from wheels only");
        }

        if (wheels.GetArrayLength() > 1)
        {
            throw Invalid(lockPath, $"package {name} {version} lists {wheels.GetArrayLength()} wheels; satchel builds locks it can follow exactly, with one wheel per package (as `satchel lock` writes them)");
        }

        var wheel = wheels[0];
        var fileName = Text(wheel, "name") ?? throw Invalid(lockPath, $"the wheel of {name} {version} has no name");
        var url = Text(wheel, "url");
        var wheelPath = Text(wheel, "path");
        if (url is null && wheelPath is null)
        {
            throw Invalid(lockPath, $"wheel {fileName} has neither url nor path");
        }

        var sha256 = wheel.TryGetProperty("hashes", out var hashes) && hashes.ValueKind == JsonValueKind.Object ? Text(hashes, "sha256") : null;
        if (sha256 is null || sha256.Length != 64 || !sha256.All(Uri.IsHexDigit))
        {
            throw Invalid(lockPath, $"wheel {fileName} has no sha256 hash; satchel builds only from hashed wheels");
        }

        long? size = wheel.TryGetProperty("size", out var sizeValue) && sizeValue.ValueKind == JsonValueKind.Number && sizeValue.TryGetInt64(out var s) ? s : null;
        var findLinks = item.TryGetProperty("tool", out var tool) && tool.ValueKind == JsonValueKind.Object
            && tool.TryGetProperty("satchel", out var satchel) && satchel.ValueKind == JsonValueKind.Object
                ? Text(satchel, "find-links")
                : null;
        return new LockedPackage(name, version, new LockedWheel(fileName, url, wheelPath, size, sha256.ToLowerInvariant()), Text(item, "index"), findLinks, Marker: Text(item, "marker"));
    }

    private static string? Text(JsonElement table, string key) =>
        table.ValueKind == JsonValueKind.Object && table.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static SatchelException Invalid(string lockPath, string what) =>
        new(ExitCodes.Data, $"{Path.GetFullPath(lockPath)} cannot be built from: {what}");
}
