// What ILC asks the system module for by name. The stub has no managed exceptions: every helper
// ends the process. None is reached by the stub's code (no arrays, no checked arithmetic, no casts).
#pragma warning disable CA1812, IDE0051, IDE0060

using System;
using System.Runtime;

namespace Internal.Runtime.CompilerHelpers
{
    internal static class StartupCodeHelpers
    {
        // Transitions to and from native code: there is no GC to tell, so they do nothing.
        [RuntimeExport("RhpReversePInvoke")]
        private static void RhpReversePInvoke(IntPtr frame) { }

        [RuntimeExport("RhpReversePInvokeReturn")]
        private static void RhpReversePInvokeReturn(IntPtr frame) { }

        [RuntimeExport("RhpPInvoke")]
        private static void RhpPInvoke(IntPtr frame) { }

        [RuntimeExport("RhpPInvokeReturn")]
        private static void RhpPInvokeReturn(IntPtr frame) { }

        [RuntimeExport("RhpFallbackFailFast")]
        private static void RhpFallbackFailFast() => Satchel.WarmStart.Native.LibC.abort();
    }

    internal static class ThrowHelpers
    {
        private static void ThrowOverflowException() => Satchel.WarmStart.Native.LibC.abort();
        private static void ThrowInvalidProgramException() => Satchel.WarmStart.Native.LibC.abort();
        private static void ThrowIndexOutOfRangeException() => Satchel.WarmStart.Native.LibC.abort();
        private static void ThrowNullReferenceException() => Satchel.WarmStart.Native.LibC.abort();
        private static void ThrowDivideByZeroException() => Satchel.WarmStart.Native.LibC.abort();
        private static void ThrowArrayTypeMismatchException() => Satchel.WarmStart.Native.LibC.abort();
        private static void ThrowPlatformNotSupportedException() => Satchel.WarmStart.Native.LibC.abort();
        private static void ThrowTypeLoadException() => Satchel.WarmStart.Native.LibC.abort();
        private static void ThrowArgumentException() => Satchel.WarmStart.Native.LibC.abort();
        private static void ThrowArgumentOutOfRangeException() => Satchel.WarmStart.Native.LibC.abort();
    }
}
