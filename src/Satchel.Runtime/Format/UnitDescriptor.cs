namespace Satchel.Runtime.Format;

/// <summary>
/// What the header says of a unit: the key that names its cache directory (a SHA-256 of its
/// canonical entry list, see <see cref="UnitKey"/>), and figures for tools.
/// </summary>
public sealed record UnitDescriptor(byte[] Key, UnitKind Kind, string Name, long FileCount, long InstalledSize)
{
    public const int KeyLength = 32;

    /// <summary>The directory name of the unit in the cache: its key in lower-case hex.</summary>
    public string KeyHex => Convert.ToHexStringLower(Key);
}
