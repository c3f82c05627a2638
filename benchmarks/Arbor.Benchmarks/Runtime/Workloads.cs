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
    /// <summary>One producer sends <paramref name="casts"/> casts; returns when the server has handled them all.</summary>
    public static async Task CastAsync(AccumulatorRef server, int casts)
    {
        for (var i = 0; i < casts; i++)
        {
            server.Bump(1);
        }

        await server.TotalAsync(Timeout.InfiniteTimeSpan);
    }

    /// <summary><paramref name="calls"/> sequential calls from one caller.</summary>
    public static async Task CallAsync(AccumulatorRef server, int calls)
    {
        for (var i = 0; i < calls; i++)
        {
            await server.TotalAsync();
        }
    }

    /// <summary><paramref name="calls"/> sequential calls to a server whose asynchronous handler calls another server in turn.</summary>
    public static async Task RelayAsync(RelayRef relay, int calls)
    {
        for (var i = 0; i < calls; i++)
        {
            await relay.ForwardAsync();
        }
    }

    /// <summary><paramref name="rounds"/> ping-pong round trips between two processes.</summary>
    public static Task PingPongAsync(PingerRef pinger, PongerRef ponger, int rounds)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        pinger.Serve(ponger, rounds, done);
        return done.Task;
    }

    /// <summary>
    /// Mean nanoseconds per call for <paramref name="calls"/> sequential calls made by a process from inside a handler
    /// while <paramref name="queued"/> unrelated messages wait in its own mailbox.
    /// </summary>
    public static async Task<double> CallFromBusyProcessAsync(ArborNode node, AccumulatorRef target, int calls, int queued)
    {
        var run = await BusyCallerRun.PrepareAsync(node, target, calls, queued);
        var nanoseconds = await run.MeasureAsync();
        await run.StopAsync();
        return nanoseconds;
    }

    /// <summary><paramref name="producers"/> threads send <paramref name="casts"/> casts in all to one server.</summary>
    public static async Task FanInAsync(AccumulatorRef server, int producers, int casts)
    {
        var perProducer = casts / producers;
        var threads = new Thread[producers];
        for (var p = 0; p < producers; p++)
        {
            threads[p] = new Thread(() =>
            {
                for (var i = 0; i < perProducer; i++)
                {
                    server.Bump(1);
                }
            });
            threads[p].Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        await server.TotalAsync(Timeout.InfiniteTimeSpan);
    }

    /// <summary>Starts <paramref name="count"/> idle GenServers and waits until every init has completed; returns their pids.</summary>
    public static async Task<IdleRef[]> SpawnAsync(ArborNode node, int count)
    {
        var pending = new ValueTask<IdleRef>[count];
        for (var i = 0; i < count; i++)
        {
            pending[i] = Idle.StartAsync(node);
        }

        var clients = new IdleRef[count];
        for (var i = 0; i < count; i++)
        {
            clients[i] = await pending[i];
        }

        return clients;
    }

    /// <summary>Bytes of managed heap retained per idle process (after a full collection), and the start rate.</summary>
    public static async Task<(double BytesPerProcess, double ProcessesPerSecond)> MeasureSpawnAsync(int count)
    {
        // Warm up on throwaway nodes, so the warm-up processes are gone before the heap is measured.
        await WarmUp.RunAsync(async () =>
        {
            await using var warmUpNode = await ArborNode.StartAsync();
            await SpawnAsync(warmUpNode, 20_000);
        });

        await using var node = await ArborNode.StartAsync();
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
