using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace Arbor.Scheduling;

/// <summary>
/// Lowers the operating-system priority of a dirty scheduler thread, so that long work declared dirty gives way to
/// ordinary processes whenever both want a core (a Linux nice value of 10; below-normal priority on Windows). .NET's
/// <see cref="Thread.Priority"/> has no effect on Linux, hence the direct call there. Best effort: where it is not
/// supported the thread keeps normal priority.
/// </summary>
internal static class DirtyThreadPriority
{
    /// <summary>The nice value dirty threads take on Linux (0 is normal, 19 the lowest).</summary>
    private const int LinuxNice = 10;

    private const int PrioProcess = 0;

    public static void LowerCurrentThread()
    {
        try
        {
            if (OperatingSystem.IsWindows())
            {
                Thread.CurrentThread.Priority = ThreadPriority.BelowNormal;
            }
            else if (OperatingSystem.IsLinux())
            {
                // On Linux, PRIO_PROCESS with id 0 applies to the calling thread only (each thread is a task).
                _ = SetPriority(PrioProcess, 0, LinuxNice);
            }
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException or PlatformNotSupportedException)
        {
            // No way to lower it here: dirty work then competes at normal priority, still off the ordinary workers.
        }
    }

    [DllImport("libc", EntryPoint = "setpriority")]
    private static extern int SetPriority(int which, int who, int priority);
}
