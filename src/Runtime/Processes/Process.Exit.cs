using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Arbor.Protocol;

namespace Arbor;

internal sealed partial class Process
{
    private ExitReason? _terminatingReason;
    private bool _terminatingReport;

    // Set under the lock once the whole exit sequence has run (signals, Downs, registrations); _exitReason is set at its start.
    private bool _exitFinished;

    /// <summary>Stops through the terminate hook (a requested stop, a handler crash, a parent's shutdown), then exits.</summary>
    private void BeginStop(ExitReason reason, bool report)
    {
        _stopRequest = null;
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

        // OTP replies to a stop-with-reply only after terminate has run.
        if (_extras?.HeldReplies is { } held)
        {
            _extras.HeldReplies = null;
            foreach (var call in held)
            {
                call.ReleaseHeldReply();
            }
        }

        FinishExit(reason, report);
    }

    /// <summary>Exits at once, without the terminate hook (killed, or an untrapped exit signal).</summary>
    private void Die(ExitReason reason) => FinishExit(reason, report: false);

    /// <summary>
    /// The exit sequence. Order matters: names and registrations are released before any exit signal or Down is sent,
    /// so whoever reacts to the exit (a supervisor restarting the child) can register the name again at once.
    /// </summary>
    private void FinishExit(ExitReason reason, bool report, bool ignored = false)
    {
        Interlocked.Exchange(ref _status, Dead);
        ProcessExtras? extras;
        lock (this)
        {
            _exitReason = reason;
            extras = _extras;
        }

        var leftovers = MailboxStack.Close(ref _inbox);
        MailboxStack.Close(ref _signals);
        if (report)
        {
            Node.Reporter.ProcessCrashed(this, reason, _current);
        }

        if (RegisteredName is { } name)
        {
            Node.Names.Release(name, this);
        }

        HashSet<Process>? links = null;
        HashSet<Pid>? remoteLinks = null;
        List<Arbor.Distribution.Control.RemoteWatcher>? remoteWatchers = null;
        List<MonitorRef>? watchers = null;
        List<IProcessRegistration>? registrations = null;
        CancellationTokenSource? exitCancellation = null;
        if (extras is not null)
        {
            lock (this)
            {
                (links, extras.Links) = (extras.Links, null);
                (watchers, extras.Watchers) = (extras.Watchers, null);
                (remoteLinks, extras.RemoteLinks) = (extras.RemoteLinks, null);
                (remoteWatchers, extras.RemoteWatchers) = (extras.RemoteWatchers, null);
                (registrations, extras.Registrations) = (extras.Registrations, null);
                (exitCancellation, extras.ExitCancellation) = (extras.ExitCancellation, null);
            }
        }

        if (registrations is not null)
        {
            foreach (var registration in registrations)
            {
                registration.Release(this);
            }
        }

        PublishStagedReply(handOff: false);
        FailCalls(reason, leftovers, extras);

        var self = Pid;
        if (links is not null)
        {
            foreach (var linked in links)
            {
                // The receiver drops its half of the link when it takes the signal: if it unlinked first, the signal
                // finds no link and is ignored (OTP's guarantee that nothing arrives through a link after unlink).
                linked.EnqueueSignal(new ExitSignal(self, reason, ExitSignalSource.Link));
            }
        }

        if (watchers is not null)
        {
            foreach (var watcher in watchers)
            {
                watcher.Watcher.Enqueue(new InfoEnvelope(new Down(watcher, self, reason)));
            }
        }

        if (remoteLinks is not null || remoteWatchers is not null)
        {
            Node.Distribution?.OnLocalExit(this, reason, remoteLinks, remoteWatchers);
        }

        if (extras?.Monitors is { } monitors)
        {
            foreach (var monitor in monitors)
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
        Node.OnExited();
        ArborTelemetry.RecordExit(reason);
        if (exitCancellation is not null)
        {
            CancelExitToken(exitCancellation);
        }

        // Only now is the exit observable as finished: whoever waits on it (or asks after this point) can rely on every
        // exit signal and Down having been sent, so a message it sends next arrives behind them.
        List<TaskCompletionSource<ExitReason>>? waiters;
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
                waiter.TrySetResult(reason);
            }
        }

        if (_start is { } start)
        {
            _start = null;
            start.Complete(ignored ? StartResult.Ignored() : StartResult.Failed(reason));
        }

        ReleaseState();
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
        catch (AggregateException exception)
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

    /// <summary>Every call this process accepted and did not answer fails with its exit reason.</summary>
    private void FailCalls(ExitReason reason, Envelope? leftovers, ProcessExtras? extras)
    {
        if (_current is CallMessage current)
        {
            current.FailExited(reason);
        }

        FailQueuedCalls(_batch, reason);
        FailQueuedCalls(leftovers, reason);
        if (extras?.DeferredCalls is { } deferred)
        {
            foreach (var call in deferred)
            {
                call.FailExited(reason);
            }
        }

        if (extras?.HeldReplies is { } held)
        {
            foreach (var call in held)
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

    /// <summary>A dead process keeps only its identity and reason: pids may outlive it, its state must not.</summary>
    private void ReleaseState()
    {
        _behavior = null;
        _batch = null;
        _current = null;
        _pending = default;
        _resume = null;
        if (_extras is { } extras)
        {
            extras.DeferredCalls = null;
            extras.HeldReplies = null;
            extras.Monitors = null;
            extras.ContinueArgument = null;
            extras.IdleTimer?.TryCancel();
            extras.IdleTimer = null;
        }
    }

    /// <summary>Completes with the exit reason once the process has exited and its exit signals and Downs have gone out (at once if so already).</summary>
    public Task<ExitReason> WhenExited()
    {
        lock (this)
        {
            if (_exitFinished)
            {
                return Task.FromResult(_exitReason!);
            }

            var waiter = new TaskCompletionSource<ExitReason>(TaskCreationOptions.RunContinuationsAsynchronously);
            (Extras.ExitWaiters ??= new List<TaskCompletionSource<ExitReason>>()).Add(waiter);
            return waiter.Task;
        }
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
}
