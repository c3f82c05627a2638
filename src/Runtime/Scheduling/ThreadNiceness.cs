using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace Arbor.Scheduling;

/// <summary>
/// Lowering a thread's operating-system priority, best effort. .NET's <see cref="Thread.Priority"/> has no effect on
/// Linux, so there each thread is a task addressed by its kernel id and reniced directly; on Windows the managed
/// priority works. Where neither is supported, threads keep normal priority.
/// </summary>
internal static class ThreadNiceness
{
    /// <summary>The nice value lowered threads take on Linux (0 is normal, 19 the lowest).</summary>
    private const int LinuxNice = 10;

    /// <summary>The nice value a raised thread asks for on Linux.</summary>
    private const int RaisedLinuxNice = -5;

    private const int PrioProcess = 0;

    /// <summary>The calling thread's kernel id on Linux (what <see cref="Lower"/> takes), 0 elsewhere or when unknown.</summary>
    public static int CurrentThreadId()
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        try
        {
            return GetTid();
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            return 0;
        }
    }

    /// <summary>
    /// Raises the calling thread's priority a little (nice -5 on Linux, above normal on Windows). On Linux this needs
    /// CAP_SYS_NICE (or a nice limit allowing it); without, the thread stays at normal priority.
    /// </summary>
    public static void RaiseCurrent()
    {
        try
        {
            if (OperatingSystem.IsWindows())
            {
                Thread.CurrentThread.Priority = ThreadPriority.AboveNormal;
            }
            else if (OperatingSystem.IsLinux())
            {
                _ = SetPriority(PrioProcess, 0, RaisedLinuxNice);
            }
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException or PlatformNotSupportedException)
        {
            // Not allowed or not supported here: normal priority.
        }
    }

    /// <summary>Lowers the calling thread's priority.</summary>
    public static void LowerCurrent() => Lower(Thread.CurrentThread, 0);

    /// <summary>
    /// Lowers <paramref name="thread"/>'s priority; <paramref name="linuxId"/> is its kernel id (0: the calling thread).
    /// A lowered thread cannot be raised back without privileges, so the caller lowers only threads that will not run
    /// ordinary work again.
    /// </summary>
    public static void Lower(Thread thread, int linuxId)
    {
        try
        {
            if (OperatingSystem.IsWindows())
            {
                thread.Priority = ThreadPriority.BelowNormal;
            }
            else if (OperatingSystem.IsLinux())
            {
                // On Linux, PRIO_PROCESS with a thread's id applies to that thread only (each thread is a task; 0: the caller).
                _ = SetPriority(PrioProcess, linuxId, LinuxNice);
            }
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException or PlatformNotSupportedException or ThreadStateException)
        {
            // No way to lower it here: the thread keeps competing at normal priority.
        }
    }

    [DllImport("libc", EntryPoint = "setpriority")]
    private static extern int SetPriority(int which, int who, int priority);

    [DllImport("libc", EntryPoint = "gettid")]
    private static extern int GetTid();
}
