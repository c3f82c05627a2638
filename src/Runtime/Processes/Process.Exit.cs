using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Arbor.Introspection.InFlight;
using Arbor.Protocol;

namespace Arbor;

internal sealed partial class Process
{
    private ExitReason? _terminatingReason;
    private bool _terminatingReport;

    // 1 once an exit sequence has been claimed: exactly one runs, by the process itself or by a killer (see KillNow).
    private int _exitClaimed;

    // 1 while a killed process's handler thread is counted as running on (see KillNow); 2 once that thread has come back.
    private int _outlivedKill;

    // Set under the lock once the whole exit sequence has run (signals, Downs, registrations); _exitReason is set at its start.
    private bool _exitFinished;

    /// <summary>Stops through the terminate hook (a requested stop, a handler crash, a parent's shutdown), then exits.</summary>
    private void BeginStop(ExitReason reason, bool report)
    {
        _stopRequest = null;
        if (Volatile.Read(ref _status) == Dead)
        {
            // Killed while the handler ran: terminate does not run for a killed process.
            AfterKilledElsewhere();
            return;
        }

        if (_behavior is null)
        {
            FinishExit(reason, report);
            return;
        }

        _terminatingReason = reason;
        _terminatingReport = report;
        ValueTask terminate;
        try
        {
            terminate = _behavior.TerminateCoreAsync(reason);
        }
        catch (Exception exception)
        {
            FinishExit(ExitReason.Crash(exception), report: true);
            return;
        }

        if (!terminate.IsCompleted)
        {
            SetPending(terminate, PendingKind.Terminate);
            return;
        }

        CompleteTerminate(terminate);
    }

    private void CompleteTerminate(ValueTask terminate)
    {
        var reason = _terminatingReason!;
        var report = _terminatingReport;
        try
        {
            terminate.GetAwaiter().GetResult();
        }
        catch (Exception exception)
        {
            reason = ExitReason.Crash(exception);
            report = true;
        }

        // OTP replies to a stop-with-reply only after terminate has run; Arbor also waits for the exit itself, so the
        // caller that gets the reply finds the process dead and its name free (as gen_server:stop returns after 'DOWN').
        // The replies are claimed now, so the exit does not fail them, and delivered once it is over.
        var held = TakeHeldReplies();
        held?.RemoveAll(static call => !call.TryStageHeldReply());
        FinishExit(reason, report);
        if (held is not null)
        {
            foreach (var call in held)
            {
                call.PublishStaged(handOff: false);
            }
        }
    }

    /// <summary>Exits at once, without the terminate hook (killed, or an untrapped exit signal).</summary>
    private void Die(ExitReason reason) => FinishExit(reason, report: false);

    /// <summary>
    /// Kills the process now, from whatever thread sends the kill (OTP's untrappable <c>kill</c>): the process is dead to
    /// everyone at once — name released, links and monitors fired with <c>killed</c>, mailbox closed, calls failed — even
    /// when its handler is stuck in synchronous code that .NET cannot interrupt. What only the process's own thread may
    /// touch (its current batch, its behaviour) is cleaned up by that thread when it comes back, or here if the process
    /// was idle; anything the stuck thread does meanwhile is dropped.
    /// </summary>
    public void KillNow() => KillNow(ExitReason.Killed, startFailure: null);

    /// <summary>
    /// Kills with <paramref name="reason"/>; a start still in progress fails with <paramref name="startFailure"/> (or the
    /// reason). False if the process was already exiting.
    /// </summary>
    internal bool KillNow(ExitReason reason, ExitReason? startFailure)
    {
        if (Interlocked.CompareExchange(ref _exitClaimed, 1, 0) != 0)
        {
            return false;
        }

        var previous = Interlocked.Exchange(ref _status, Dead);
        if (previous == Scheduled && !ReferenceEquals(Worker.CurrentProcess, this) && IsRunningElsewhere())
        {
            // Counted until the stuck thread comes back; if it already has (it marked 2), the count is undone at once.
            ArborTelemetry.HandlersOutlivingKill.Add(1);
            if (Interlocked.CompareExchange(ref _outlivedKill, 1, 0) != 0)
            {
                ArborTelemetry.HandlersOutlivingKill.Add(-1);
            }

            Node.Reporter.HandlerOutlivedKill(this);
        }

        RunExitSequence(reason, report: false, ignored: false, owner: previous == Idle, wasScheduled: previous == Scheduled, startFailure);
        return true;
    }

    /// <summary>True if a worker thread other than this one is running a turn of this process right now (a snapshot).</summary>
    private bool IsRunningElsewhere()
    {
        foreach (var thread in WorkerThreadRegistry.All)
        {
            if (ReferenceEquals(Volatile.Read(ref thread.Current), this))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The process's own thread found it killed from outside (see <see cref="KillNow()"/>): it finishes what only it may
    /// touch — the reply its handler staged, the calls of its current batch — and drops its state. Idempotent.
    /// </summary>
    private void AfterKilledElsewhere()
    {
        var reason = Volatile.Read(ref _exitReason) ?? ExitReason.Killed;
        PublishStagedReply(handOff: false);
        FailCalls(reason, leftovers: null, taken: default);
        ReleaseState();
        if (Interlocked.Exchange(ref _outlivedKill, 2) == 1)
        {
            ArborTelemetry.HandlersOutlivingKill.Add(-1);
        }
    }

    /// <summary>The exit, run by the process itself. If a kill got there first, only the owner's part is left to do.</summary>
    private void FinishExit(ExitReason reason, bool report, bool ignored = false)
    {
        if (Interlocked.CompareExchange(ref _exitClaimed, 1, 0) != 0)
        {
            AfterKilledElsewhere();
            return;
        }

        var previous = Interlocked.Exchange(ref _status, Dead);
        RunExitSequence(reason, report, ignored, owner: true, wasScheduled: previous == Scheduled);
    }

    /// <summary>
    /// The exit sequence. Order matters: names and registrations are released before any exit signal or Down is sent,
    /// so whoever reacts to the exit (a supervisor restarting the child) can register the name again at once. Every step
    /// runs whatever an earlier one did: nothing here lets user code or a logger throw out of it (reports and renderings
    /// are guarded, exit-token callbacks are caught), so links and monitors always fire and waiters are always released.
    /// </summary>
    /// <remarks>
    /// <paramref name="owner"/> is true on the process's own thread (or for a killed idle process): only then is its
    /// private state touched. <paramref name="wasScheduled"/>: the process was scheduled or running when it died, so a
    /// tracking node counts it in flight until everything its exit sends has been sent.
    /// </remarks>
    private void RunExitSequence(ExitReason reason, bool report, bool ignored, bool owner, bool wasScheduled, ExitReason? startFailure = null)
    {
        ExitTaken taken;
        lock (this)
        {
            _exitReason = reason;
            taken = TakeForExit(_extras);
        }

        var leftovers = MailboxStack.Close(ref _inbox);
        MailboxStack.Close(ref _signals);
        if (report)
        {
            Node.Reporter.ProcessCrashed(this, reason, _current);
            if (!reason.IsOrderly)
            {
                Node.Introspection.Crashes.Add(Introspection.CrashRecords.Crashed(this, reason));
            }
        }

        if (RegisteredName is { } name)
        {
            Node.Names.Release(name, this);
        }

        if (taken.Registrations is not null)
        {
            foreach (var registration in taken.Registrations)
            {
                registration.Release(this);
            }
        }

        if (owner)
        {
            PublishStagedReply(handOff: false);
        }

        FailCalls(reason, leftovers, taken);

        // A linked start that fails answers its starter with the error alone: a trapping starter gets no Exited for it
        // (OTP 26's proc_lib:start_link consumes that exit). A starter that does not trap still gets the signal.
        var failedStart = Interlocked.Exchange(ref _start, null);
        if (failedStart is not null && Parent.Process is { TrapExit: true } parent && taken.Links?.Remove(parent) == true)
        {
            lock (parent)
            {
                parent._extras?.Links?.Remove(this);
            }
        }

        var self = Pid;
        if (taken.Links is not null)
        {
            foreach (var linked in taken.Links)
            {
                // The receiver drops its half of the link when it takes the signal: if it unlinked first, the signal
                // finds no link and is ignored (OTP's guarantee that nothing arrives through a link after unlink).
                linked.EnqueueSignal(new ExitSignal(self, reason, ExitSignalSource.Link));
            }
        }

        if (taken.Watchers is not null)
        {
            foreach (var watcher in taken.Watchers)
            {
                watcher.Watcher.Enqueue(new InfoEnvelope(new Down(watcher, self, reason)));
            }
        }

        if (taken.RemoteLinks is not null || taken.RemoteWatchers is not null)
        {
            // The connection layer tells the peers; a failure there (a closed connection) must not stop the rest of the
            // exit sequence: those peers learn of the exit as noconnection instead.
            try
            {
                Node.Distribution?.OnLocalExit(this, reason, taken.RemoteLinks, taken.RemoteWatchers);
            }
            catch (Exception exception)
            {
                Node.Reporter.RemoteExitNoticeFailed(this, exception);
            }
        }

        if (taken.Monitors is not null)
        {
            foreach (var monitor in taken.Monitors)
            {
                if (monitor.Target.IsRemote)
                {
                    Node.Distribution?.Demonitor(monitor);
                }
                else if (monitor.Target.Process is { } target)
                {
                    lock (target)
                    {
                        target._extras?.Watchers?.Remove(monitor);
                    }
                }
            }
        }

        // Counted out before anyone waiting on this exit is woken, so they see a consistent process count.
        Node.OnExited(this);
        ArborTelemetry.RecordExit(reason);
        if (taken.ExitCancellation is not null)
        {
            CancelExitToken(taken.ExitCancellation);
        }

        // Only now is the exit observable as finished: whoever waits on it (or asks after this point) can rely on every
        // exit signal and Down having been sent, so a message it sends next arrives behind them.
        List<ExitWaiter>? waiters;
        lock (this)
        {
            _exitFinished = true;
            waiters = _extras?.ExitWaiters;
            if (_extras is not null)
            {
                _extras.ExitWaiters = null;
            }
        }

        if (waiters is not null)
        {
            foreach (var waiter in waiters)
            {
                CompleteExitWaiter(waiter, reason);
            }
        }

        failedStart?.Finish(ignored ? StartResult.Ignored() : StartResult.Failed(startFailure ?? reason));

        if (owner)
        {
            ReleaseState();
        }

        if (wasScheduled && InFlightTracking.IsOn)
        {
            CountUnscheduled();
        }
    }

    /// <summary>Takes the shared lists the exit sequence works through, leaving none behind. Caller holds the lock.</summary>
    private static ExitTaken TakeForExit(ProcessExtras? extras)
    {
        if (extras is null)
        {
            return default;
        }

        var taken = new ExitTaken(
            extras.Links, extras.Watchers, extras.Registrations, extras.ExitCancellation, extras.Monitors, extras.DeferredCalls, extras.HeldReplies,
            extras.RemoteLinks, extras.RemoteWatchers);
        extras.RemoteLinks = null;
        extras.RemoteWatchers = null;
        extras.Links = null;
        extras.Watchers = null;
        extras.Registrations = null;
        extras.ExitCancellation = null;
        extras.Monitors = null;
        extras.DeferredCalls = null;
        extras.HeldReplies = null;
        return taken;
    }

    /// <summary>
    /// Cancels the token handed to handlers still running (an async handler awaiting I/O when the process was killed).
    /// Callbacks registered on it run here; one that throws belongs to a process that no longer exists, so its failure
    /// is reported rather than allowed to break the exit sequence of this one.
    /// </summary>
    private void CancelExitToken(CancellationTokenSource cancellation)
    {
        try
        {
            cancellation.Cancel();
        }
        catch (Exception exception)
        {
            Node.Reporter.ExitCallbackFailed(this, exception);
        }
    }

    /// <summary>
    /// A token cancelled when this process exits, for async handlers to pass to the I/O they await. Already cancelled
    /// if the process has exited.
    /// </summary>
    public CancellationToken ExitToken
    {
        get
        {
            lock (this)
            {
                return _exitReason is not null
                    ? new CancellationToken(canceled: true)
                    : (Extras.ExitCancellation ??= new CancellationTokenSource()).Token;
            }
        }
    }

    /// <summary>
    /// Every call this process accepted and did not answer fails with its exit reason. The current message and batch are
    /// the owner's; a killer reads them as a snapshot (failing a call twice is harmless: the first outcome wins), and the
    /// owner fails whatever the snapshot missed when it comes back.
    /// </summary>
    private void FailCalls(ExitReason reason, Envelope? leftovers, ExitTaken taken)
    {
        // The current message's Next is the rest of its batch while its handler runs (see DrainBatch).
        FailQueuedCalls(Volatile.Read(ref _current), reason);
        FailQueuedCalls(Volatile.Read(ref _batch), reason);
        FailQueuedCalls(leftovers, reason);
        FailListed(taken.DeferredCalls, reason);
        FailListed(taken.HeldReplies, reason);
    }

    private static void FailListed(List<CallMessage>? calls, ExitReason reason)
    {
        if (calls is not null)
        {
            foreach (var call in calls)
            {
                call.FailExited(reason);
            }
        }
    }

    private static void FailQueuedCalls(Envelope? envelope, ExitReason reason)
    {
        while (envelope is not null)
        {
            if (envelope is CallMessage call)
            {
                call.FailExited(reason);
            }

            envelope = envelope.Next;
        }
    }

    /// <summary>A dead process keeps only its identity and reason: pids may outlive it, its state must not. Owner only.</summary>
    private void ReleaseState()
    {
        _behavior = null;
        _batch = null;
        _current = null;
        _pending = default;
        _resume = null;
        if (_extras is { } extras)
        {
            extras.ContinueArgument = null;
            extras.IdleTimer?.TryCancel();
            extras.IdleTimer = null;
        }
    }

    /// <summary>Completes with the exit reason once the process has exited and its exit signals and Downs have gone out (at once if so already).</summary>
    public Task<ExitReason> WhenExited() => WaitForExit().AsTask();

    /// <summary>
    /// Like <see cref="WhenExited"/>, as a value task the runtime's own waits await: on a node that counts its in-flight
    /// work, a continuation of a process (or of its counted work) is counted until it has run, however the exit and the
    /// await race.
    /// </summary>
    public ValueTask<ExitReason> WaitForExit()
    {
        lock (this)
        {
            if (_exitFinished)
            {
                return new ValueTask<ExitReason>(_exitReason!);
            }

            var waiter = new ExitWaiter(InFlightTracking.IsOn ? Current?.Node.InFlight ?? CountedContinuation.Running : null);
            (Extras.ExitWaiters ??= new List<ExitWaiter>()).Add(waiter);
            return waiter.Task;
        }
    }

    /// <summary>
    /// Wakes one exit waiter. An ordinary waiter's continuation runs asynchronously on its own; a counted one is
    /// completed from a counted work item on the node's scheduler (on a deterministic node the seed decides when the
    /// waiter runs too), its continuation inline there.
    /// </summary>
    private void CompleteExitWaiter(ExitWaiter waiter, ExitReason reason)
    {
        if (waiter.InFlight is not { } inFlight)
        {
            waiter.Complete(reason);
            return;
        }

        var completion = new CountedContinuation(inFlight, static state =>
        {
            var (waiter, reason) = ((ExitWaiter, ExitReason))state!;
            waiter.Complete(reason);
        }, (waiter, reason));
        Scheduler.Queue(completion);
    }

    /// <summary>Adds a registration released at exit; false (nothing added) if the process has already exited.</summary>
    internal bool TryAddRegistration(IProcessRegistration registration)
    {
        lock (this)
        {
            if (_exitReason is not null)
            {
                return false;
            }

            (Extras.Registrations ??= new List<IProcessRegistration>()).Add(registration);
            return true;
        }
    }

    internal void RemoveRegistration(IProcessRegistration registration)
    {
        lock (this)
        {
            _extras?.Registrations?.Remove(registration);
        }
    }

    /// <summary>Keeps a call its handler left unanswered (a deferred reply), so the exit fails it; fails it now if the process has exited.</summary>
    internal void TrackUnanswered(CallMessage call, int pruneThreshold, Predicate<CallMessage> isCompleted)
    {
        lock (this)
        {
            if (_exitReason is null)
            {
                var deferred = Extras.DeferredCalls ??= new List<CallMessage>();
                if (deferred.Count >= pruneThreshold)
                {
                    deferred.RemoveAll(isCompleted);
                }

                deferred.Add(call);
                return;
            }
        }

        call.FailExited(ExitReason!);
    }

    /// <summary>Keeps a reply until terminate has run (stop with reply); fails the call now if the process has exited.</summary>
    internal void HoldReply(CallMessage call)
    {
        lock (this)
        {
            if (_exitReason is null)
            {
                (Extras.HeldReplies ??= new List<CallMessage>()).Add(call);
                return;
            }
        }

        call.FailExited(ExitReason!);
    }

    private List<CallMessage>? TakeHeldReplies()
    {
        lock (this)
        {
            if (_extras?.HeldReplies is not { } held)
            {
                return null;
            }

            _extras.HeldReplies = null;
            return held;
        }
    }

    /// <summary>What the exit sequence took out of the shared state under the lock.</summary>
    private readonly record struct ExitTaken(
        HashSet<Process>? Links,
        List<MonitorRef>? Watchers,
        List<IProcessRegistration>? Registrations,
        CancellationTokenSource? ExitCancellation,
        List<MonitorRef>? Monitors,
        List<CallMessage>? DeferredCalls,
        List<CallMessage>? HeldReplies,
        HashSet<Pid>? RemoteLinks,
        List<Arbor.Distribution.Control.RemoteWatcher>? RemoteWatchers);
}
