using System.Diagnostics;

namespace Satchel.Windows.Tests.Host;

/// <summary>Polling for a condition with a deadline: how cases wait for other processes.</summary>
internal static class Conditions
{
    public static bool WaitUntil(Func<bool> condition, TimeSpan deadline, string what, bool throwOnTimeout = true)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > deadline)
            {
                return throwOnTimeout ? throw new TimeoutException($"gave up waiting for {what} after {deadline.TotalSeconds} s") : false;
            }

            Thread.Sleep(20);
        }

        return true;
    }
}
