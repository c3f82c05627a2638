using System;
using System.IO;

namespace Arbor.Comparison;

/// <summary>
/// The operating system's view of memory: resident set size from <c>/proc/self/status</c> (VmRSS), the figure the Erlang
/// side reads the same way. It counts everything the process holds in RAM: heaps, stacks, runtime structures.
/// </summary>
public static class ResidentMemory
{
    /// <summary>Current resident set size in bytes.</summary>
    public static long Bytes()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kilobytes = line["VmRSS:".Length..].Trim().Split(' ')[0];
                return long.Parse(kilobytes, System.Globalization.CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new PlatformNotSupportedException("/proc/self/status has no VmRSS line; resident memory is measured on Linux only.");
    }

    /// <summary>Full blocking collections, so garbage from before does not count as growth.</summary>
    public static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
