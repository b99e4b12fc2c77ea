namespace Satchel.Runtime.Format;

/// <summary>Where the app's files go at run time. The numbers are part of the format.</summary>
public enum ExtractMode : byte
{
    /// <summary>Into the shared cache, once; later runs reuse it.</summary>
    Cache = 0,

    /// <summary>Into a private temporary directory removed after the run.</summary>
    Temp = 1,
}
