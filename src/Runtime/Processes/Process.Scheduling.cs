using Arbor.Protocol;
using System.Threading;

namespace Arbor;

internal sealed partial class Process
{
    /// <summary>The process whose handler is running on this thread, if any.</summary>
    public static Process? Current => Worker.CurrentProcess;

    /// <summary>The message the process is handling or handled last (read by the turn watchdog from its own thread).</summary>
    internal Envelope? CurrentMessage => Volatile.Read(ref _current);

    /// <summary>
    /// True when the code running is a handler of a process that has exited: a thread that kept running after its process
    /// was killed. What it sends is dropped, as nothing a dead process does may be seen.
    /// </summary>
    public static bool SenderHasExited => Worker.CurrentProcess is { IsAlive: false };

    /// <summary>
    /// Makes the process runnable if it was idle. A process woken from inside a worker turn is handed to that worker to
    /// run next (no queue, no wake-up of another thread); otherwise it goes to its scheduler's run queue.
    /// </summary>
    private void Schedule()
    {
        if (TryWake() && !Worker.TryHandOff(this))
        {
            Scheduler.Queue(this);
        }
    }

    /// <summary>Like <see cref="Schedule"/>, for the target of a call: see <see cref="Worker.TryHandOffCallTarget"/>.</summary>
    private void ScheduleForCall(WorkerThread caller)
    {
        if (TryWake() && !Worker.TryHandOffCallTarget(caller, this))
        {
            Scheduler.Queue(this);
        }
    }

    /// <summary>Moves an idle process to scheduled; true for the one waker that did it, who must now get it run.</summary>
    private bool TryWake() =>
        Volatile.Read(ref _status) == Idle && Interlocked.CompareExchange(ref _status, Scheduled, Idle) == Idle;

    void IThreadPoolWorkItem.Execute() => Worker.Run(this);

    /// <summary>Queues the process on its scheduler (it is scheduled and not in a run-next slot).</summary>
    internal void Requeue() => Scheduler.Queue(this);

    /// <summary>Like <see cref="Requeue"/>, from a thread about to return to the run queue (see <see cref="Scheduling.ProcessScheduler.Yield"/>).</summary>
    internal void RequeueYielding() => Scheduler.Yield(this);

    /// <summary>One turn: runs queued work up to the fairness budget, then goes idle or re-queues itself.</summary>
    internal void RunTurn(WorkerThread thread) => Run(thread);

    private void GoIdle()
    {
        // Owner-only state is read before publishing Idle: once Idle, another thread may start running this process.
        var waiting = _pendingKind != PendingKind.None;
        if (!waiting)
        {
            // The last message handled is not kept alive by an idle process (a handler still pending keeps its own).
            _current = null;
            if (_extras is { IdleTimeoutMs: > 0 })
            {
                ArmIdleTimer();
            }
        }

        if (Interlocked.CompareExchange(ref _status, Idle, Scheduled) != Scheduled)
        {
            // Killed from outside during the turn: the owner's part of the exit is left to this thread.
            AfterKilledElsewhere();
            return;
        }

        var hasWork = MailboxStack.HasItems(ref _signals) ||
                      (waiting ? Volatile.Read(ref _pendingDone) != 0 : MailboxStack.HasItems(ref _inbox));
        if (hasWork && TryWake())
        {
            // This thread goes back to the run queue right after: no other thread needs waking for it.
            Scheduler.Yield(this);
        }
    }
}
