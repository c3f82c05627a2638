using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Arbor.Benchmarks.Servers;

namespace Arbor.Benchmarks.Runtime;

/// <summary>
/// The core workloads, shared by the BenchmarkDotNet classes and the side-by-side comparison mode, so both measure
/// exactly the same code.
/// </summary>
public static class Workloads
{
    public static async Task<Pid> StartAsync(ArborNode node, Func<GenServer> factory) =>
        (await GenServer.StartAsync(node, factory)).EnsureStarted("benchmark server");

    /// <summary>One producer sends <paramref name="casts"/> casts; returns when the server has handled them all.</summary>
    public static async Task CastAsync(Pid server, int casts)
    {
        for (var i = 0; i < casts; i++)
        {
            GenServer.Cast(server, new Bump(1));
        }

        await GenServer.CallAsync(server, new Total(), Timeout.InfiniteTimeSpan);
    }

    /// <summary><paramref name="calls"/> sequential calls from one caller.</summary>
    public static async Task CallAsync(Pid server, int calls)
    {
        for (var i = 0; i < calls; i++)
        {
            await GenServer.CallAsync(server, new Total());
        }
    }

    /// <summary><paramref name="rounds"/> ping-pong round trips between two processes.</summary>
    public static Task PingPongAsync(Pid pinger, Pid ponger, int rounds)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        GenServer.Cast(pinger, new Serve(ponger, rounds, done));
        return done.Task;
    }

    /// <summary><paramref name="producers"/> threads send <paramref name="casts"/> casts in all to one server.</summary>
    public static async Task FanInAsync(Pid server, int producers, int casts)
    {
        var perProducer = casts / producers;
        var threads = new Thread[producers];
        for (var p = 0; p < producers; p++)
        {
            threads[p] = new Thread(() =>
            {
                for (var i = 0; i < perProducer; i++)
                {
                    GenServer.Cast(server, new Bump(1));
                }
            });
            threads[p].Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        await GenServer.CallAsync(server, new Total(), Timeout.InfiniteTimeSpan);
    }

    /// <summary>Starts <paramref name="count"/> idle GenServers and waits until every init has completed; returns their pids.</summary>
    public static async Task<Pid[]> SpawnAsync(ArborNode node, int count)
    {
        var pending = new ValueTask<StartResult>[count];
        for (var i = 0; i < count; i++)
        {
            pending[i] = GenServer.StartAsync(node, static () => new Idle());
        }

        var pids = new Pid[count];
        for (var i = 0; i < count; i++)
        {
            pids[i] = (await pending[i]).Pid;
        }

        return pids;
    }

    /// <summary>Bytes of managed heap retained per idle process (after a full collection), and the start rate.</summary>
    public static async Task<(double BytesPerProcess, double ProcessesPerSecond)> MeasureSpawnAsync(int count)
    {
        await using var node = await ArborNode.StartAsync();
        await SpawnAsync(node, 1000); // warm up the code paths
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var clock = Stopwatch.StartNew();
        var pids = await SpawnAsync(node, count);
        clock.Stop();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(pids);
        // The pid array itself (16 bytes a pid) belongs to the benchmark, not to the processes.
        var bytes = (after - before - ((long)count * 16)) / (double)count;
        return (bytes, count / clock.Elapsed.TotalSeconds);
    }
}
