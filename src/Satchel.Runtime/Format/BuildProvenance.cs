namespace Satchel.Runtime.Format;

/// <summary>
/// Header field 8: the inputs that make a build reproducible and auditable, so a built file says
/// how to rebuild it bit for bit: the SOURCE_DATE_EPOCH the build used, the satchel version, the
/// build interpreter (empty for `satchel pack`), and the SHA-256 of the pylock.toml it was built
/// from (empty when it was resolved). Every value is itself a pure function of the build's inputs:
/// no clock, host or path goes in. See docs/format.md, "Header", and docs/reproducible.md.
/// </summary>
public sealed record BuildProvenance(long SourceDateEpoch, string SatchelVersion, string BuildInterpreter, byte[] LockSha256)
{
    /// <summary>The lock digest as lower-case hex, or null when the build was not made from a lock.</summary>
    public string? LockSha256Hex => LockSha256.Length == 0 ? null : Convert.ToHexStringLower(LockSha256);

    /// <summary>The whole tagged field (tag, length, body), ready to be appended to a header.</summary>
    public byte[] EncodeField()
    {
        var body = new ByteWriter(128);
        body.VarUInt((ulong)SourceDateEpoch);
        body.Text(SatchelVersion);
        body.Text(BuildInterpreter);
        body.VarUInt((ulong)LockSha256.Length);
        body.Bytes(LockSha256);
        return HeaderField.Encode(HeaderTags.Provenance, body.Written);
    }

    /// <summary>
    /// Finds and decodes field 8 in a header's bytes (as <see cref="PayloadHeader.Decode"/> reads
    /// them); null for a header written without it. A present but malformed field throws
    /// <see cref="FormatViolationException"/>.
    /// </summary>
    public static BuildProvenance? FromHeader(ReadOnlySpan<byte> header) =>
        HeaderField.TryFind(header, HeaderTags.Provenance, out var body) ? DecodeBody(body) : null;

    /// <summary>Field 8 of an opened app file's header; null when the file has none.</summary>
    public static BuildProvenance? Read(AppFile app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return FromHeader(app.HeaderBytes);
    }

    private static BuildProvenance DecodeBody(ReadOnlySpan<byte> body)
    {
        var f = new ByteReader(body);
        var epoch = f.VarUInt();
        if (epoch > long.MaxValue)
        {
            throw new FormatViolationException("the build provenance field has an out-of-range SOURCE_DATE_EPOCH");
        }

        var version = f.Text();
        var interpreter = f.Text();
        var digestLength = f.Count();
        if (digestLength is not (0 or 32))
        {
            throw new FormatViolationException($"the build provenance field has a {digestLength}-byte lock digest (expected 0 or 32)");
        }

        var digest = f.Bytes(digestLength).ToArray();
        if (!f.AtEnd)
        {
            throw new FormatViolationException("the build provenance field has trailing bytes");
        }

        return new BuildProvenance((long)epoch, version, interpreter, digest);
    }
}
