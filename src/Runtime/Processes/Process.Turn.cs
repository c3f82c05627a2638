using System;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Arbor.Introspection.InFlight;
using Arbor.Protocol;

namespace Arbor;

internal sealed partial class Process
{
    private void Run(WorkerThread thread)
    {
        if (Introspection.ProcessObservation.IsOn)
        {
            // Someone is looking (a dashboard): this turn is timed and counted. Otherwise this read is all it costs.
            RunObserved(thread);
            return;
        }

        var budget = FairnessBudget;
        RunUntilTurnEnds(thread, ref budget);
        if (budget != FairnessBudget && ArborTelemetry.MessagesProcessed.Enabled)
        {
            ArborTelemetry.MessagesProcessed.Add(FairnessBudget - budget);
        }
    }

    private void RunUntilTurnEnds(WorkerThread thread, ref int budget)
    {
        while (true)
        {
            if (Volatile.Read(ref _status) == Dead)
            {
                // Killed from outside (see KillNow) while queued or between two steps of this turn.
                AfterKilledElsewhere();
                return;
            }

            if (_signals is not null && MailboxStack.HasItems(ref _signals))
            {
                HandleSignals();
                if (!IsAlive)
                {
                    return;
                }
            }

            if (_pendingKind != PendingKind.None)
            {
                if (Volatile.Read(ref _pendingDone) == 0)
                {
                    break;
                }

                CompletePending();
                if (!IsAlive)
                {
                    return;
                }

                continue;
            }

            if (_behavior is null)
            {
                RunInit();
                if (!IsAlive)
                {
                    return;
                }

                continue;
            }

            if (budget <= 0)
            {
                // The turn's budget is spent: let others run; the queued work item resumes this process.
                Scheduler.Yield(this);
                return;
            }

            var batch = _batch ?? TakeMailbox();
            if (batch is null)
            {
                break;
            }

            _batch = null;
            if (!DrainBatch(batch, thread, ref budget))
            {
                return;
            }
        }

        GoIdle();
    }

    private Envelope? TakeMailbox()
    {
        if (_mailboxLimit != 0)
        {
            return TakeCounted();
        }

        if (!ArborTelemetry.MailboxDepth.Enabled)
        {
            return MailboxStack.TakeAll(ref _inbox);
        }

        var batch = MailboxStack.TakeAll(ref _inbox, out var depth);
        if (depth > 0)
        {
            ArborTelemetry.MailboxDepth.Record(depth);
        }

        return batch;
    }

    /// <summary>
    /// The hot loop: handles the messages of a private batch back to back, touching the process's shared fields only
    /// when something out of the ordinary happens (a crash, a stop, an asynchronous handler, a signal, the budget).
    /// Returns false when the turn is over (the process exited or re-queued itself), true to go round the outer loop.
    /// </summary>
    private bool DrainBatch(Envelope envelope, WorkerThread thread, ref int budget)
    {
        var behavior = _behavior!;
        while (true)
        {
            // Published where a kill from another thread can see it (one plain store): if this handler never returns, the
            // killer still fails the call it is handling and, through its Next (unlinked once the handler is back), the
            // calls queued behind it.
            var next = envelope.Next;
            _current = envelope;
            ValueTask handled;
            try
            {
                if (envelope.Kind < EnvelopeKind.IdleTimeout)
                {
                    handled = HandleCounted(behavior, envelope);
                }
                else if (envelope.Kind == EnvelopeKind.IdleTimeout)
                {
                    handled = HandleIdleCheck();
                }
                else
                {
                    // Deciding the twin may apply pending signals, and a signal may end the process: the rest of the
                    // batch must then be where the exit sequence looks for calls to fail.
                    _batch = next;
                    handled = HandleTrappedExit(Unsafe.As<TrappedExitEnvelope>(envelope), behavior);
                    if (!IsAlive)
                    {
                        return false;
                    }

                    _batch = null;
                }
            }
            catch (Exception exception)
            {
                envelope.Next = null;
                PublishStagedReply(handOff: false);
                _batch = next;
                _current = envelope;
                BeginStop(ExitReason.Crash(exception), report: true);
                return IsAlive;
            }

            if (Volatile.Read(ref _status) == Dead)
            {
                // Killed while the handler ran: what it did after the kill is dropped; finish the owner's part of the exit.
                AfterKilledElsewhere();
                return false;
            }

            envelope.Next = null;
            if (_stagedReply is not null)
            {
                PublishStagedReply(handOff: true);
            }

            if (!handled.IsCompletedSuccessfully)
            {
                _batch = next;
                _current = envelope;
                HandleIncomplete(handled);
                return IsAlive;
            }

            if (_stopRequest is not null)
            {
                _batch = next;
                _current = envelope;
                AfterHandler();
                return IsAlive;
            }

            --budget;
            if (next is null)
            {
                return true;
            }

            // More of this batch follows: whoever this handler woke should not wait for it.
            if (thread.HasHandOffs)
            {
                Worker.ReleaseHandOffs(thread);
            }
            if (budget <= 0)
            {
                _batch = next;
                Scheduler.Yield(this);
                return false;
            }

            if (_signals is not null)
            {
                _batch = next;
                return true;
            }

            envelope = next;
        }
    }

    private ValueTask HandleCounted(ProcessBehavior behavior, Envelope envelope)
    {
        if (_extras is { IdleTimeoutMs: > 0 } extras)
        {
            extras.Handled++;
        }

        return behavior.HandleCoreAsync(envelope);
    }

    /// <summary>A handler that did not complete synchronously: it either failed or is still running.</summary>
    private void HandleIncomplete(ValueTask handled)
    {
        if (!handled.IsCompleted)
        {
            SetPending(handled, PendingKind.Handler);
            return;
        }

        try
        {
            handled.GetAwaiter().GetResult();
        }
        catch (Exception exception)
        {
            BeginStop(ExitReason.Crash(exception), report: true);
            return;
        }

        AfterHandler();
    }

    /// <summary>Applies what the handler asked for once it has finished: a stop.</summary>
    private void AfterHandler()
    {
        if (_stopRequest is { } reason)
        {
            BeginStop(reason, report: !reason.IsOrderly);
        }
    }

    private void SetPending(ValueTask pending, PendingKind kind)
    {
        _pendingKind = kind;
        Volatile.Write(ref _pendingDone, 0);
        _pending = pending;
        CompletionHook.Register(ref _pending, _resume ??= Resume, InFlightTracking.IsOn ? Node.InFlight : null);
    }

    private void Resume()
    {
        // A full fence, not a release write: GoIdle publishes Idle and then reads this flag, and this thread writes the
        // flag and then reads the status. With plain volatile accesses both reads can miss the other's write (a store
        // may be ordered after a later load), leaving a finished handler with an idle process that nobody wakes.
        Interlocked.Exchange(ref _pendingDone, 1);
        Schedule();
    }

    private void CompletePending()
    {
        var pending = _pending;
        var kind = _pendingKind;
        _pending = default;
        _pendingKind = PendingKind.None;
        switch (kind)
        {
            case PendingKind.Init:
                CompleteInit(pending);
                break;
            case PendingKind.Handler:
                try
                {
                    pending.GetAwaiter().GetResult();
                }
                catch (Exception exception)
                {
                    BeginStop(ExitReason.Crash(exception), report: true);
                    return;
                }

                AfterHandler();
                break;
            case PendingKind.Terminate:
                CompleteTerminate(pending);
                break;
        }
    }
}
