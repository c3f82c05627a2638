using System;
using System.Collections.Generic;
using System.Threading;

namespace Arbor.Introspection;

/// <summary>
/// The node's most recent crash and supervisor reports, a bounded ring: a crash storm costs a fixed amount of memory and
/// one small lock per report (crashes are not the hot path). Readers get a copy, newest first.
/// </summary>
internal sealed class CrashLog
{
    public const int Capacity = 200;

    private readonly CrashRecord[] _ring = new CrashRecord[Capacity];
    private readonly Lock _lock = new();
    private int _next;
    private int _count;
    private long _total;

    /// <summary>Every report recorded since the node started.</summary>
    public long Total => Interlocked.Read(ref _total);

    public void Add(CrashRecord record)
    {
        lock (_lock)
        {
            _ring[_next] = record;
            _next = (_next + 1) % Capacity;
            _count = Math.Min(_count + 1, Capacity);
        }

        Interlocked.Increment(ref _total);
    }

    public IReadOnlyList<CrashRecord> Snapshot()
    {
        lock (_lock)
        {
            var copy = new CrashRecord[_count];
            for (var i = 0; i < _count; i++)
            {
                copy[i] = _ring[(_next - 1 - i + Capacity) % Capacity];
            }

            return copy;
        }
    }
}
