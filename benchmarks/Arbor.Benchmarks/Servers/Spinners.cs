using System.Diagnostics;
using System.Threading;

namespace Arbor.Benchmarks.Servers;

/// <summary>Busy work for the starvation scenario; every loop also stops when the scenario ends (<see cref="StopAll"/>).</summary>
public static class BusyWork
{
    private static volatile bool s_stop;

    public static bool StopAll
    {
        get => s_stop;
        set => s_stop = value;
    }

    /// <summary>Keeps a CPU busy for <paramref name="milliseconds"/> of wall-clock time, as a handler stuck in a hot loop.</summary>
    public static void Spin(int milliseconds)
    {
        var clock = Stopwatch.StartNew();
        while (clock.ElapsedMilliseconds < milliseconds && !StopAll)
        {
            Thread.SpinWait(64);
        }
    }

    /// <summary>Blocks the thread for <paramref name="milliseconds"/>, as a handler stuck in synchronous I/O.</summary>
    public static void Sleep(int milliseconds)
    {
        var clock = Stopwatch.StartNew();
        while (clock.ElapsedMilliseconds < milliseconds && !StopAll)
        {
            Thread.Sleep(10);
        }
    }
}

/// <summary>A server whose handlers hog their thread, unmarked: they run on the thread-pool workers.</summary>
[GenServer]
public sealed partial class Hog
{
    [Cast]
    public void Spin(int milliseconds) => BusyWork.Spin(milliseconds);

    [Cast]
    public void Block(int milliseconds) => BusyWork.Sleep(milliseconds);

    [Call]
    public bool Ping() => true;
}

/// <summary>The same work declared dirty: it runs on the node's dirty schedulers.</summary>
[GenServer(Dirty = true)]
public sealed partial class DirtyHog
{
    [Cast]
    public void Spin(int milliseconds) => BusyWork.Spin(milliseconds);

    [Cast]
    public void Block(int milliseconds) => BusyWork.Sleep(milliseconds);
}
