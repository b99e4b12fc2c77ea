using Satchel.Runtime.Cache;
using Satchel.Runtime.Diagnostics;

namespace Satchel.Runtime.Interpreters;

/// <summary>
/// Interpreter facts kept in the cache root, one file per binary:
/// &lt;root&gt;/v1/interpreters/&lt;<see cref="StableHash"/> of the real path&gt;.facts. A file is
/// trusted only while the binary's size and mtime equal those it records, so an upgraded
/// interpreter is asked again; a lookup that hits runs no Python. Writers race harmlessly: each
/// replaces the file atomically with the same answer. Without a layout (a build that has no usable
/// cache root) nothing is read or kept: every lookup probes.
/// </summary>
public sealed class FactsCache(CacheLayout? layout, Log log)
{
    public const string Header = "satchel-interpreter-facts 1";

    public static string KeyFor(string realPath) => StableHash.Hex(realPath);

    public string? FileFor(string realPath) => layout?.InterpreterFacts(KeyFor(realPath));

    /// <summary>The cached facts of <paramref name="realPath"/>, or those of a fresh probe (then cached).</summary>
    public ProbeResult Get(string realPath, BinaryStamp stamp)
    {
        if (TryRead(realPath, stamp) is { } cached)
        {
            return new ProbeResult(cached, null, FromCache: true);
        }

        log.Line($"probing {realPath}");
        var probed = InterpreterProbe.Run(realPath, stamp);
        if (probed.Facts is { } facts)
        {
            Store(facts);
        }

        return probed;
    }

    /// <summary>Cached facts that still describe the binary (same path, size and mtime); null otherwise.</summary>
    public InterpreterFacts? TryRead(string realPath, BinaryStamp stamp) =>
        FileFor(realPath) is { } file && KeyValueRecordFile.Read(file, Header) is { } entries
        && FactsRecord.From(entries) is { } facts
        && facts.Path == realPath && facts.Stamp == stamp
            ? facts
            : null;

    /// <summary>A cache that cannot be written only costs a probe next time, so failure is logged, not raised.</summary>
    public void Store(InterpreterFacts facts)
    {
        if (layout is null || layout.ReadOnly)
        {
            return;
        }

        try
        {
            AtomicPath.ReplaceFile(FileFor(facts.Path)!, KeyValueRecordFile.Format(Header, FactsRecord.Entries(facts)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.Line($"cannot cache facts of {facts.Path}: {e.Message}");
        }
    }
}
