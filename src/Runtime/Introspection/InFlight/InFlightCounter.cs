using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace Arbor.Introspection.InFlight;

/// <summary>
/// The exact count of a tracking node's in-flight work: every piece of work the runtime hands from one thread to another
/// (a process woken, a continuation dispatched, a dirty handler queued, a batch of due timers) is counted when it is
/// handed over and uncounted only after it has run — and whatever it handed on in turn has been counted first. The count
/// therefore never touches zero while anything the node started is still on its way, and zero means quiescent: nothing
/// runs, nothing is queued, and only a message, a timer or a completion from outside can start work again.
/// </summary>
/// <remarks>
/// Not on any path unless the node tracks (<see cref="ArborNodeOptions.TrackInFlightWork"/>): only test nodes pay its
/// interlocked operations. Work that leaves the node's hands (an await with <c>ConfigureAwait(false)</c> in user code, a
/// <c>Task.Run</c>, I/O) is not counted: it comes back as one of the counted hand-offs or not at all.
/// </remarks>
internal sealed class InFlightCounter
{
    private readonly long[] _byKind = new long[4];
    private long _total;
    private TaskCompletionSource? _quiet;

    /// <summary>Everything counted and not yet done.</summary>
    public long Total => Volatile.Read(ref _total);

    public long Of(InFlightKind kind) => Volatile.Read(ref _byKind[(int)kind]);

    public void Add(InFlightKind kind)
    {
        Interlocked.Increment(ref _byKind[(int)kind]);
        Interlocked.Increment(ref _total);
    }

    public void Remove(InFlightKind kind)
    {
        Interlocked.Decrement(ref _byKind[(int)kind]);
        var left = Interlocked.Decrement(ref _total);
        Debug.Assert(left >= 0, "In-flight work was uncounted more often than counted.");
        if (left == 0)
        {
            Volatile.Read(ref _quiet)?.TrySetResult();
        }
    }

    /// <summary>
    /// Completes when the count is zero, or fails with <see cref="TimeoutException"/> (naming what is still busy, from
    /// <paramref name="describeBusy"/>) once <paramref name="timeout"/> of real time has passed.
    /// </summary>
    public async Task WhenZeroAsync(TimeSpan timeout, Func<string> describeBusy, CancellationToken cancellationToken)
    {
        var limit = Stopwatch.StartNew();
        while (true)
        {
            if (Total == 0)
            {
                return;
            }

            // Published before the count is read again: a decrement to zero after this point finds the waiter.
            var quiet = Volatile.Read(ref _quiet);
            if (quiet is null || quiet.Task.IsCompleted)
            {
                var fresh = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                quiet = Interlocked.CompareExchange(ref _quiet, fresh, quiet) == quiet ? fresh : Volatile.Read(ref _quiet)!;
            }

            if (Total == 0)
            {
                return;
            }

            var remaining = timeout == Timeout.InfiniteTimeSpan ? Timeout.InfiniteTimeSpan : timeout - limit.Elapsed;
            if (remaining != Timeout.InfiniteTimeSpan && remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException(describeBusy());
            }

            try
            {
                await quiet.Task.WaitAsync(remaining, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException(describeBusy());
            }
        }
    }
}
