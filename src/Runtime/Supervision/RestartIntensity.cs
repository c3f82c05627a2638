using System;
using System.Collections.Generic;

namespace Arbor;

/// <summary>
/// OTP's restart intensity: at most <c>maxRestarts</c> restarts within a sliding period. Each restart, a retried failed
/// restart included, is recorded; the one that makes the count exceed the limit tells the supervisor to give up.
/// </summary>
internal sealed class RestartIntensity
{
    private readonly int _maxRestarts;
    private readonly long _periodMs;
    private readonly Queue<long> _recent = new();

    public RestartIntensity(int maxRestarts, TimeSpan within)
    {
        _maxRestarts = maxRestarts;
        _periodMs = Math.Max(1, (long)Math.Ceiling(within.TotalMilliseconds));
    }

    public int MaxRestarts => _maxRestarts;

    public TimeSpan Within => TimeSpan.FromMilliseconds(_periodMs);

    /// <summary>Records a restart at <paramref name="nowMs"/>; false when it exceeds the intensity.</summary>
    public bool TryRecordRestart(long nowMs)
    {
        var threshold = nowMs - _periodMs;
        while (_recent.Count > 0 && _recent.Peek() < threshold)
        {
            _recent.Dequeue();
        }

        _recent.Enqueue(nowMs);
        return _recent.Count <= _maxRestarts;
    }
}
