using System;
using System.Threading.Tasks;
using Arbor.Timers;

namespace Arbor;

/// <summary>
/// A shutdown grace period on the node clock's durable timer queue: completes <see cref="Elapsed"/> when due. The supervisor awaits it
/// next to the child's exit while its handler is pending (it cannot receive a <c>SendAfter</c> message then).
/// </summary>
internal sealed class ShutdownTimer : TimerEntry
{
    private readonly TaskCompletionSource _elapsed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ShutdownTimer()
    {
    }

    public Task Elapsed => _elapsed.Task;

    public static ShutdownTimer Start(NodeClock clock, TimeSpan timeout)
    {
        var timer = new ShutdownTimer { DueMs = clock.DueAfter(timeout) };

        // On the durable queue (the process-wide service in real time): the grace period ends even if the node's own
        // timers have been stopped.
        clock.Durable.Schedule(timer);
        return timer;
    }

    /// <summary>Cancels the timer once the child has exited, so the heap drops it.</summary>
    public void Cancel() => TryCancel();

    protected override void OnExpired() => _elapsed.TrySetResult();
}
