using System.Security.Cryptography;
using Satchel.Build.Progress;
using Satchel.Build.Python;
using Satchel.Build.Resolution;
using Satchel.Build.Wheels;
using Satchel.Runtime.Errors;

namespace Satchel.Build.Locking;

/// <summary>
/// Collects exactly the wheels a lock names, with no resolution: each from its path (relative to
/// the lock's directory) or URL (file:, http:, https:), copied into a folder of the build
/// directory while its SHA-256 and size are computed, and checked against the lock. A wheel that
/// is missing, unreachable or not byte-identical stops the build with one line (exit 66, 69 or
/// 65) before anything is installed or written.
/// </summary>
public sealed class LockedWheelFetcher(string lockPath, HttpClient? http = null)
{
    private static readonly TimeSpan DownloadTimeout = TimeSpan.FromMinutes(5);

    private readonly string _lockPath = Path.GetFullPath(lockPath);

    /// <summary>Fetches the wheel of every package that has one into <paramref name="directory"/> (created); returns them by normalised name.</summary>
    public IReadOnlyList<(string NormalizedName, string Path)> Fetch(PylockDocument document, string directory, IBuildProgress? progress = null)
    {
        Directory.CreateDirectory(directory);
        var paths = new List<(string, string)>(document.Packages.Count);
        foreach (var package in document.Packages.Where(p => p.Wheel is not null))
        {
            var fileName = CheckFileName(package);
            var destination = Path.Combine(directory, fileName);
            var (sha256, size, source) = Copy(package.Wheel!, destination);
            if (sha256 != package.Wheel!.Sha256 || (package.Wheel.Size is { } expectedSize && expectedSize != size))
            {
                throw new SatchelException(ExitCodes.Data,
                    $"{fileName} from {source} does not match {_lockPath} (sha256 {sha256}, {size} bytes; the lock pins sha256 {package.Wheel.Sha256}"
                    + (package.Wheel.Size is { } pinned ? $", {pinned} bytes" : string.Empty)
                    + "): the artifact changed since it was locked, nothing was written; if the change is expected, run `satchel lock` again");
            }

            paths.Add((package.NormalizedName, destination));
            progress?.Advance(1, size);
        }

        return paths;
    }

    /// <summary>The lock is input like any other: a wheel name must be a plain wheel file name for the package it is listed under.</summary>
    private string CheckFileName(LockedPackage package)
    {
        var fileName = package.Wheel!.FileName;
        var parsed = Path.GetFileName(fileName) == fileName ? WheelFileName.TryParse(fileName) : null;
        if (parsed is null || !parsed.IsOf(package.Name, package.Version))
        {
            throw new SatchelException(ExitCodes.Data, $"{_lockPath}: '{fileName}' is not a wheel file name of {package.Name} {package.Version}; fix the lock or run `satchel lock` again");
        }

        return fileName;
    }

    private (string Sha256, long Size, string Source) Copy(LockedWheel wheel, string destination)
    {
        var lockDirectory = Path.GetDirectoryName(_lockPath)!;
        var local = wheel.Path is { } relative
            ? Path.GetFullPath(relative, lockDirectory)
            : LocalLocation.ToPath(wheel.Url!, lockDirectory);
        if (local is not null)
        {
            if (!File.Exists(local))
            {
                throw new SatchelException(ExitCodes.NoInput, $"{local}: no such file; {_lockPath} pins {wheel.FileName} there; restore it or run `satchel lock` again");
            }

            using var input = File.OpenRead(local);
            var (localSha256, localSize) = CopyHashing(input, destination);
            return (localSha256, localSize, local);
        }

        var url = wheel.Url!;
        try
        {
            using var client = http is null ? new HttpClient { Timeout = DownloadTimeout } : null;
            using var response = (http ?? client!).Send(new HttpRequestMessage(HttpMethod.Get, url), HttpCompletionOption.ResponseHeadersRead);
            if (!response.IsSuccessStatusCode)
            {
                throw new SatchelException(ExitCodes.Unavailable, $"cannot fetch {url}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}; {_lockPath} pins {wheel.FileName} there: check the index or run `satchel lock` again");
            }

            using var body = response.Content.ReadAsStream();
            var (sha256, size) = CopyHashing(body, destination);
            return (sha256, size, url);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            throw new SatchelException(ExitCodes.Unavailable, $"cannot fetch {url}: {e.Message}; check the network or the index", e);
        }
    }

    private static (string Sha256, long Size) CopyHashing(Stream input, string destination)
    {
        using var output = new FileStream(destination, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long size = 0;
        int read;
        while ((read = input.Read(buffer)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            output.Write(buffer, 0, read);
            size += read;
        }

        return (Convert.ToHexStringLower(hash.GetHashAndReset()), size);
    }
}
