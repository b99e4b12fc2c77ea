using System.Runtime.InteropServices;
using System.Text;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Format;
using Satchel.Runtime.Posix;

namespace Satchel.Runtime.Cache;

/// <summary>
/// One small file per app, <c>v1/apps/APPID</c>: the app's name, where it was last run from and
/// the unit keys it uses. Its modification time is the app's last use: every run sets it with one
/// utimensat(2) (the record is written only when it is missing). `satchel cache` derives a unit's
/// last use from the records that name it, and a venv's from its app's record.
/// </summary>
public sealed record AppUseRecord(string AppId, string Name, string AppPath, IReadOnlyList<string> UnitKeys, DateTime LastUseUtc)
{
    /// <summary>Marks the app as used now: one syscall on the warm path; the file is written if it is missing.</summary>
    public static void Touch(CacheLayout layout, string appIdHex, PayloadHeader header, string appPath, Log log)
    {
        var path = layout.AppRecord(appIdHex);
        try
        {
            if (!OperatingSystem.IsWindows())
            {
                if (LibC.UtimeNow(LibC.AT_FDCWD, path, IntPtr.Zero, 0) == 0)
                {
                    return;
                }

                var errno = Marshal.GetLastPInvokeError();
                if (errno != LibC.ENOENT)
                {
                    log.Line($"last use not recorded in {path}: {LibC.StrError(errno)}");
                    return;
                }
            }
            else if (File.Exists(path))
            {
                File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
                return;
            }

            AtomicPath.ReplaceFile(path, Render(header, appPath));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Recording use is a courtesy for prune; the app runs either way.
            log.Line($"last use not recorded in {path}: {e.Message}");
        }
    }

    private static string Render(PayloadHeader header, string appPath)
    {
        var text = new StringBuilder("format=1\n");
        text.Append("name=").Append(OneLine(header.Name)).Append('\n');
        text.Append("path=").Append(OneLine(appPath)).Append('\n');
        text.Append("units=");
        for (var i = 0; i < header.Units.Count; i++)
        {
            text.Append(i == 0 ? string.Empty : " ").Append(header.Units[i].KeyHex);
        }

        return text.Append('\n').ToString();
    }

    private static string OneLine(string value) => value.Replace('\n', ' ').Replace('\r', ' ');

    /// <summary>Every readable record under the root; unreadable or foreign files are skipped.</summary>
    public static List<AppUseRecord> ReadAll(CacheLayout layout)
    {
        var records = new List<AppUseRecord>();
        if (!Directory.Exists(layout.AppsDir))
        {
            return records;
        }

        foreach (var file in new DirectoryInfo(layout.AppsDir).EnumerateFiles())
        {
            if (file.Name.Length != 32 || !IsHex(file.Name))
            {
                continue;
            }

            try
            {
                string name = string.Empty, appPath = string.Empty;
                var units = new List<string>();
                foreach (var line in File.ReadAllLines(file.FullName))
                {
                    var eq = line.IndexOf('=');
                    var (key, value) = eq < 0 ? (line, string.Empty) : (line[..eq], line[(eq + 1)..]);
                    switch (key)
                    {
                        case "name":
                            name = value;
                            break;
                        case "path":
                            appPath = value;
                            break;
                        case "units":
                            units.AddRange(value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
                            break;
                    }
                }

                records.Add(new AppUseRecord(file.Name, name, appPath, units, file.LastWriteTimeUtc));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Replaced or removed while we read: the next listing sees it.
            }
        }

        return records;
    }

    public static bool IsHex(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
