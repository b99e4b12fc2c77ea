// The warm-start stub is compiled without .NET's class library: this file is its whole core library,
// the few types the C# compiler and the NativeAOT compiler (ILC) cannot work without. Nothing here
// allocates: there is no garbage collector. Written for this project (the layout contracts are the
// compiler's; cf. the MIT-licensed zerosharp samples by Michal Strehovsky).
#pragma warning disable CA1051, CA1052, CA1711, CA1716, CA1720, CA1724, CA1812, CA1822, CS0169, CS0649, IDE0044, IDE0051, IDE0060, IDE1006

namespace System
{
    public class Object
    {
        // The layout of an object is a contract with the compiler: the type pointer first.
        private IntPtr m_pMethodTable;
    }

    public struct Void { }

    // The layout of primitive types is special-cased by the compiler.
    public struct Boolean { }
    public struct Char { }
    public struct SByte { }
    public struct Byte { }
    public struct Int16 { }
    public struct UInt16 { }
    public struct Int32 { }
    public struct UInt32 { }
    public struct Int64 { }
    public struct UInt64 { }
    public struct IntPtr { }
    public struct UIntPtr { }
    public struct Single { }
    public struct Double { }

    public abstract class ValueType { }
    public abstract class Enum : ValueType { }
    public struct Nullable<T> where T : struct { }

    /// <summary>String literals exist (frozen into the image); the stub only copies them to C strings.</summary>
    public sealed class String
    {
        // The names are the compiler's contract (it lays out frozen literals by them).
        private readonly int _stringLength;
        private char _firstChar;

        public int Length => _stringLength;
    }

    public abstract class Array { }
    public abstract class Delegate { }
    public abstract class MulticastDelegate : Delegate { }
    public struct RuntimeTypeHandle { }
    public struct RuntimeMethodHandle { }
    public struct RuntimeFieldHandle { }
    public class Attribute { }

    public enum AttributeTargets { }

    public sealed class AttributeUsageAttribute : Attribute
    {
        public AttributeUsageAttribute(AttributeTargets validOn) { }
        public bool AllowMultiple { get; set; }
        public bool Inherited { get; set; }
    }

    public sealed class AppContext
    {
        public static void SetData(string s, object o) { }
    }

    internal sealed class Array<T> : Array { }

    namespace Runtime
    {
        internal sealed class RuntimeExportAttribute : Attribute
        {
            public RuntimeExportAttribute(string entry) { }
        }
    }

    namespace Runtime.CompilerServices
    {
        public static class RuntimeHelpers
        {
            public static unsafe int OffsetToStringData => sizeof(IntPtr) + sizeof(int);
        }
    }

    namespace Runtime.InteropServices
    {
        public sealed class DllImportAttribute : Attribute
        {
            public DllImportAttribute(string dllName) { }
        }
    }
}
