using System;

namespace Arbor.Introspection;

/// <summary>
/// The node's counters at one moment (<see cref="NodeIntrospection.GetCounters"/>). Totals, not rates: a rate is the
/// difference of two snapshots divided by the time between their <see cref="TakenAt"/>.
/// </summary>
/// <param name="TakenAt">When they were read.</param>
/// <param name="ProcessCount">Live processes on this node.</param>
/// <param name="MessagesHandled">Messages this node's processes handled while some observation was open.</param>
/// <param name="Restarts">Children restarted by this node's supervisors since it started.</param>
/// <param name="Crashes">Abnormal process exits on this node since it started.</param>
/// <param name="Gen0Collections">Garbage collections of generation 0 (whole operating-system process).</param>
/// <param name="Gen1Collections">Garbage collections of generation 1.</param>
/// <param name="Gen2Collections">Garbage collections of generation 2.</param>
/// <param name="ManagedMemoryBytes">Managed heap in use (<see cref="GC.GetTotalMemory(bool)"/>, no collection forced).</param>
/// <param name="WorkingSetBytes">The operating-system process's working set.</param>
/// <param name="ThreadPoolThreads">Thread-pool threads (the schedulers processes run on).</param>
/// <param name="PendingWorkItems">Work items queued on the thread pool, processes waiting to run among them.</param>
/// <param name="HeldThreads">Worker threads held by a long turn now.</param>
/// <param name="LongTurnsRunning">Turns running now past their node's long-turn threshold.</param>
public sealed record NodeCounters(
    DateTimeOffset TakenAt,
    int ProcessCount,
    long MessagesHandled,
    long Restarts,
    long Crashes,
    int Gen0Collections,
    int Gen1Collections,
    int Gen2Collections,
    long ManagedMemoryBytes,
    long WorkingSetBytes,
    int ThreadPoolThreads,
    long PendingWorkItems,
    int HeldThreads,
    int LongTurnsRunning);
