using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using Arbor.Protocol;

namespace Arbor.Timers;

/// <summary>
/// Where a thread registers the timeouts of the calls it makes (held in its <see cref="WorkerThread"/>): a fixed ring
/// of slots owned by that thread, written with plain stores and read by the timer threads. Registering costs no atomic operation and, unlike a shared list
/// drained every few milliseconds, keeps at most one ring's worth of answered calls reachable — a list of every call
/// of the last pass survived each gen0 collection and was promoted, which cost a third of the call rate.
/// </summary>
/// <remarks>
/// A slot still holding an unanswered call when the ring comes round again hands that call to its node's
/// <see cref="TimerService"/> (the heap), so any number of calls can be outstanding. Timer threads time out due calls
/// and clear answered ones, so an answered call's reply stays referenced for at most one pass.
/// </remarks>
internal sealed class CallTimeoutRing
{
    private const int Size = 1024;

    /// <summary>Every node's timer thread asks for a scan; one within this many milliseconds serves them all.</summary>
    private const int SharedScanMs = 5;

    private static int s_scanning;
    private static int s_soonerRegistered;
    private static long s_lastScanMs = long.MinValue;
    private static long s_earliestDueMs = long.MaxValue;

    private readonly CallMessage?[] _slots = new CallMessage?[Size];
    private int _next;

    /// <summary>True when no slot holds a call (a scan clears answered and timed-out ones).</summary>
    public bool IsEmpty => Array.TrueForAll(_slots, static slot => slot is null);

    /// <summary>Starts the timeout of <paramref name="call"/>, due at <see cref="CallMessage.DueMs"/>, on behalf of this thread.</summary>
    public static void Track(WorkerThread caller, CallMessage call)
    {
        var ring = caller.CallTimeouts ??= new CallTimeoutRing();
        var index = ring._next;
        ring._next = (index + 1) & (Size - 1);
        // The slots are CallMessage?[]: indexing by reference through the array data skips the covariance check.
        ref var slot = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(ring._slots), index);
        var timers = TimerService.Shared;
        if (slot is { IsCompleted: false } outstanding)
        {
            timers.Schedule(new CallTimeoutTimer(outstanding));
        }

        Volatile.Write(ref slot, call);
        if (call.DueMs < Volatile.Read(ref s_earliestDueMs) && Volatile.Read(ref s_soonerRegistered) == 0)
        {
            // Due before anything the last scan saw: the next scan must not be skipped as recent. (Read before writing:
            // every calling thread shares this flag, and a write per call would bounce it between their cores.)
            Volatile.Write(ref s_soonerRegistered, 1);
        }

        timers.WakeIfSooner(call.DueMs);
    }

    /// <summary>
    /// Times out the registered calls due by <paramref name="nowMs"/>, forgets answered ones, and returns the earliest
    /// due time still outstanding (<see cref="long.MaxValue"/> if none). Only <see cref="TimerService.Shared"/> scans; a
    /// recent scan answers for this one unless something has come due since.
    /// </summary>
    public static long Scan(long nowMs)
    {
        var earliest = Volatile.Read(ref s_earliestDueMs);
        var recent = nowMs < Volatile.Read(ref s_lastScanMs) + SharedScanMs && earliest > nowMs && Volatile.Read(ref s_soonerRegistered) == 0;
        if (recent || Interlocked.CompareExchange(ref s_scanning, 1, 0) != 0)
        {
            return earliest;
        }

        try
        {
            Interlocked.Exchange(ref s_soonerRegistered, 0);
            earliest = ScanAll(nowMs);
            WorkerThreadRegistry.DropExited();
            Volatile.Write(ref s_earliestDueMs, earliest);
            Volatile.Write(ref s_lastScanMs, nowMs);
            return earliest;
        }
        finally
        {
            Volatile.Write(ref s_scanning, 0);
        }
    }

    /// <summary>
    /// One pass over every ring. A slot is cleared only if it still holds the call that was looked at, and each call
    /// completes once, so racing the owning thread's next registration (or another scan) is harmless.
    /// </summary>
    internal static long ScanAll(long nowMs)
    {
        var earliest = long.MaxValue;
        foreach (var thread in WorkerThreadRegistry.All)
        {
            if (thread.CallTimeouts is not { } ring)
            {
                continue;
            }

            var slots = ring._slots;
            for (var i = 0; i < slots.Length; i++)
            {
                var call = Volatile.Read(ref slots[i]);
                if (call is null)
                {
                    continue;
                }

                if (!call.IsCompleted && call.DueMs > nowMs)
                {
                    earliest = Math.Min(earliest, call.DueMs);
                    continue;
                }

                if (Interlocked.CompareExchange(ref slots[i], null, call) == call)
                {
                    call.FailTimedOut(); // no-op for an answered call
                }
            }
        }

        return earliest;
    }
}
