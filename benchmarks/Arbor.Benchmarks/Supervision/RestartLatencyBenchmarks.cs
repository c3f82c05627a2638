using System;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace Arbor.Benchmarks.Supervision;

/// <summary>
/// Restart latency: from the moment a child is crashed (an exit signal sent from outside) to the moment its replacement
/// has finished init and could serve. Each operation is one crash and one awaited replacement, so the figure includes
/// the supervisor noticing the exit, the restart decision, the linked start, and the wake-up of the waiting benchmark.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[MinColumn]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class RestartLatencyBenchmarks
{
    private const int Restarts = 20_000;
    private static readonly ExitReason Crash = ExitReason.Other("benchmark crash");

    private ArborNode _node = null!;
    private SupervisorRef _oneForOne;
    private SupervisorRef _oneForAll;
    private ReadySignal _single = null!;
    private ReadySignal _group = null!;
    private ReadySignal _groupFirst = null!;
    private Pid _singleChild;

    /// <summary>Children in the one-for-all group.</summary>
    [Params(5)]
    public int GroupSize { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _node = await ArborNode.StartAsync();
        _single = new ReadySignal();
        _group = new ReadySignal();
        _groupFirst = new ReadySignal();

        var singleReady = _single.Expect();
        _oneForOne = await _node.StartSupervisorAsync(new SupervisorOptions
        {
            MaxRestarts = int.MaxValue,
            Within = TimeSpan.FromSeconds(1),
            Children = new[] { ReadyWorker.Spec("worker", _single) },
        });
        _singleChild = await singleReady;

        var children = new ChildSpec[GroupSize];
        for (var i = 0; i < GroupSize; i++)
        {
            // The last child signals readiness: under one_for_all it is the last one (re)started. The first one only
            // records its pid, the next one to crash.
            children[i] = ReadyWorker.Spec($"worker{i}", i == GroupSize - 1 ? _group : i == 0 ? _groupFirst : null);
        }

        var groupReady = _group.Expect();
        _oneForAll = await _node.StartSupervisorAsync(new SupervisorOptions
        {
            Strategy = Strategy.OneForAll,
            MaxRestarts = int.MaxValue,
            Within = TimeSpan.FromSeconds(1),
            Children = children,
        });
        await groupReady;
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _oneForOne.StopAsync();
        await _oneForAll.StopAsync();
        await _node.DisposeAsync();
    }

    [Benchmark(OperationsPerInvoke = Restarts, Description = "one_for_one: crash -> replacement ready")]
    public async Task OneForOne()
    {
        for (var i = 0; i < Restarts; i++)
        {
            var ready = _single.Expect();
            _node.Exit(_singleChild, Crash);
            _singleChild = await ready;
        }
    }

    [Benchmark(OperationsPerInvoke = Restarts, Description = "one_for_all (5 children): crash -> whole group ready")]
    public async Task OneForAll()
    {
        for (var i = 0; i < Restarts; i++)
        {
            var ready = _group.Expect();
            _node.Exit(_groupFirst.Latest, Crash);
            await ready;
        }
    }

    /// <summary>Keeps the pid of the latest worker that finished init, and hands it to the benchmark waiting for it.</summary>
    private sealed class ReadySignal
    {
        private TaskCompletionSource<Pid>? _waiting;
        private Pid _latest;

        public Pid Latest => _latest;

        public Task<Pid> Expect()
        {
            var waiting = new TaskCompletionSource<Pid>(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _waiting, waiting);
            return waiting.Task;
        }

        public void Ready(Pid pid)
        {
            _latest = pid;
            Interlocked.Exchange(ref _waiting, null)?.TrySetResult(pid);
        }
    }

    private sealed class ReadyWorker : GenServer
    {
        private readonly ReadySignal? _signal;

        private ReadyWorker(ReadySignal? signal) => _signal = signal;

        public static ChildSpec Spec(string id, ReadySignal? signal) =>
            new(id, context => StartAsync(context.Node, () => new ReadyWorker(signal), new StartOptions { Link = true }));

        protected override ValueTask<InitResult> InitAsync()
        {
            _signal?.Ready(Self);
            return new ValueTask<InitResult>(InitResult.Ok);
        }
    }
}
