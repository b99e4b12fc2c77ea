namespace Satchel.Runtime.Format;

/// <summary>What a cache unit holds. The numbers are part of the format.</summary>
public enum UnitKind : byte
{
    /// <summary>The app's own files (a packed directory, or a Python app's code).</summary>
    App = 1,

    /// <summary>One installed wheel.</summary>
    Wheel = 2,

    /// <summary>A bundled Python interpreter.</summary>
    Interpreter = 3,

    /// <summary>Bytecode compiled from another unit's sources by one interpreter (<see cref="BytecodeUnit"/>).</summary>
    Bytecode = 4,
}
