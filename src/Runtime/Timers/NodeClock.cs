using System;
using Arbor.Protocol;

namespace Arbor.Timers;

/// <summary>
/// A node's time: the clock its due times are read on and the queues its timers wait in. On
/// <see cref="TimeProvider.System"/> (the default) that is <see cref="TimerClock"/>, the node's own
/// <see cref="TimerService"/> for process timers and the process-wide one for call timeouts, start deadlines and
/// shutdown grace periods. Given any other provider (a test's virtual time), everything is measured on that provider
/// and waits in one <see cref="ProvidedTimerQueue"/> that fires when the provider's timer does.
/// </summary>
internal sealed class NodeClock
{
    /// <summary>
    /// Where the provided clock starts, in milliseconds: well above zero, which some timers use for "not yet read".
    /// </summary>
    private const long ProvidedEpochMs = 1_000_000;

    private readonly TimeProvider? _provider;
    private readonly ProvidedTimerQueue? _provided;
    private readonly long _startTimestamp;

    /// <param name="provider">The node's time.</param>
    /// <param name="deterministic">A deterministic node's scheduler: provided-clock timers due together are delivered through it, in an order the seed picks.</param>
    /// <param name="inFlight">The node's in-flight count, if it tracks one (timer deliveries queued to the scheduler count).</param>
    public NodeClock(TimeProvider provider, Scheduling.DeterministicScheduler? deterministic = null, Introspection.InFlight.InFlightCounter? inFlight = null)
    {
        ArgumentNullException.ThrowIfNull(provider);
        if (ReferenceEquals(provider, TimeProvider.System))
        {
            Timers = new TimerService();
            return;
        }

        _provider = provider;
        _startTimestamp = provider.GetTimestamp();
        var queue = new ProvidedTimerQueue(this, provider, deterministic, inFlight);
        Timers = queue;
        _provided = queue;
    }

    /// <summary>True on the system clock (the real-time timer thread and call-timeout rings are used).</summary>
    public bool IsSystem => _provider is null;

    /// <summary>The queue of the node's own process timers (<c>SendAfter</c>, idle and state-machine timeouts).</summary>
    public TimerQueue Timers { get; }

    /// <summary>
    /// The queue of timers that must run even after the node's own timers are stopped: call timeouts, start deadlines,
    /// shutdown grace periods. The process-wide service on the system clock; the node's queue otherwise (it has no thread
    /// to stop).
    /// </summary>
    public TimerQueue Durable => (TimerQueue?)_provided ?? TimerService.Shared;

    /// <summary>Now, in milliseconds on this clock.</summary>
    public long NowMs => _provider is null ? TimerClock.NowMs : ProvidedNowMs();

    /// <summary>The due time of something that must not happen before <paramref name="delay"/> has passed.</summary>
    public long DueAfter(TimeSpan delay) => _provider is null ? TimerClock.DueAfter(delay) : DueAfterMs(NowMs, (long)Math.Ceiling(delay.TotalMilliseconds));

    /// <summary>The due time <paramref name="delayMs"/> after the reading <paramref name="fromMs"/>.</summary>
    /// <remarks>A provided clock is read exactly, so it needs none of the real clock's allowance for a coarse tick.</remarks>
    public long DueAfterMs(long fromMs, long delayMs) => _provider is null ? TimerClock.DueAfterMs(fromMs, delayMs) : fromMs + Math.Max(1, delayMs);

    /// <summary>Starts the timeout of a call made to a process of this node, due at <see cref="CallMessage.DueMs"/>.</summary>
    public void TrackCall(WorkerThread caller, CallMessage call)
    {
        if (_provided is null)
        {
            CallTimeoutRing.Track(caller, call);
        }
        else
        {
            _provided.Schedule(new CallTimeoutTimer(call));
        }
    }

    private long ProvidedNowMs() => ProvidedEpochMs + (long)_provider!.GetElapsedTime(_startTimestamp).TotalMilliseconds;
}
