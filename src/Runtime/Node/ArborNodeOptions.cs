using System;
using Microsoft.Extensions.Logging;

namespace Arbor;

/// <summary>Settings of an <see cref="ArborNode"/>.</summary>
public sealed class ArborNodeOptions
{
    /// <summary>Where crash reports and supervisor reports go; none by default.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>How much of a crashed process's last message and state crash reports show; <see cref="CrashReportDetail.Full"/> by default.</summary>
    public CrashReportDetail CrashReportDetail { get; init; } = CrashReportDetail.Full;

    /// <summary>
    /// How long one turn of a process (a handler, or a batch of messages handled back to back) may run before the node
    /// logs a warning naming the process, its server type and the handler, once per incident, and counts it in the
    /// <c>arbor.scheduler.long_turns</c> metric. 250 ms by default; <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>
    /// turns the reports off. Independently of it, threads held by long turns are compensated for after a few tens of
    /// milliseconds so other processes keep being served.
    /// </summary>
    public TimeSpan LongTurnThreshold { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Threads that run handlers marked <c>Dirty = true</c> (the BEAM's dirty schedulers), started with the first dirty
    /// handler. One per processor by default, right for CPU-bound work; raise it when dirty handlers mostly block.
    /// </summary>
    public int DirtySchedulers { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// For tests: runs every process of the node on one scheduler thread, where a pseudo-random generator seeded with this
    /// value picks which ready process (or handler continuation) runs next, so a test can try many interleavings and
    /// replay a failing one exactly by its seed (see <see cref="ArborNode.RunOnSchedulerAsync"/> and Arbor.Testing's
    /// <c>Interleavings</c>). Timers still fire in real time. Null (the default): the ordinary scheduler threads.
    /// </summary>
    public int? DeterministicSeed { get; init; }

    /// <summary>
    /// How long <see cref="ArborNode.DisposeAsync"/> lets processes stop with <c>shutdown</c> (running terminate, a
    /// supervisor stopping its children) before it kills those still running; 5 seconds by default.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The time every timer of the node runs on: <c>SendAfter</c>, idle timeouts, call timeouts, start deadlines,
    /// supervisor restart-intensity periods and child shutdown grace periods, state-machine timeouts.
    /// <see cref="TimeProvider.System"/> by default. A test passes a virtual clock (Arbor.Testing's <c>VirtualTime</c>)
    /// to fire timeouts of an hour in microseconds by advancing it. The node's own disposal grace
    /// (<see cref="ShutdownTimeout"/>) and the scheduler's safety nets stay on real time.
    /// </summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// For tests and tools: the node counts its in-flight work exactly — processes scheduled or running, continuations
    /// on their way back into a process (awaits, call replies, start results), dirty handlers, queued timer deliveries —
    /// so <see cref="Introspection.NodeIntrospection.WhenQuiescentAsync"/> can wait until none is left (what a test kit
    /// waits for before and after moving virtual time). Off by default: while no node of the operating-system process
    /// tracks, the runtime pays one static read per turn for it; a tracking node pays a few interlocked operations per
    /// wake-up and per hand-off.
    /// </summary>
    public bool TrackInFlightWork { get; init; }

    /// <summary>
    /// The node's name (<c>alive@host</c>, or just <c>alive</c> for this host); setting it makes the node distributed.
    /// Null (default): a node that does not take part in distribution.
    /// </summary>
    public string? Name { get; init; }

    /// <summary>The shared secret peers must know; null reads <c>~/.erlang.cookie</c> (creating it if missing), as <c>erl</c> does.</summary>
    public string? Cookie { get; init; }

    /// <summary>Ports, EPMD, hidden mode, ticks and limits of a distributed node.</summary>
    public Arbor.Distribution.DistributionOptions Distribution { get; init; } = new();

    /// <summary>
    /// Makes the node a cluster member: seeds, DNS discovery, reconnects (see <c>docs/cluster.md</c>). Needs
    /// <see cref="Name"/>. Null (default): no membership service runs.
    /// </summary>
    public Arbor.Cluster.ClusterOptions? Cluster { get; init; }
}
