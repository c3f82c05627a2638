using System;
using System.Threading;
using System.Threading.Tasks;
using Arbor.Protocol;

namespace Arbor;

/// <summary>
/// A lightweight process: identity, a lock-free mailbox, a separate queue for exit signals, and the scheduling state
/// that runs it on the .NET thread pool one message at a time. This file holds identity and scheduling; links,
/// monitors, init and exit live in the other parts of the class.
/// </summary>
internal sealed partial class Process : IThreadPoolWorkItem
{
    /// <summary>Messages handled per turn on a pool thread before the process yields to others.</summary>
    internal const int FairnessBudget = 256;

    private const int Idle = 0;
    private const int Scheduled = 1;
    private const int Dead = 2;

    [ThreadStatic]
    private static Process? t_initializing;

    private readonly long _id;
    private int _status;
    private Envelope? _inbox;
    private Envelope? _signals;
    private Envelope? _batch;
    private ProcessExtras? _extras;
    private ProcessBehavior? _behavior;
    private Envelope? _current;
    private bool _trapExit;
    private ExitReason? _stopRequest;
    private CallMessage? _stagedReply;
    private ExitReason? _exitReason;

    private ValueTask _pending;
    private PendingKind _pendingKind;
    private int _pendingDone;
    private Action? _resume;

    public Process(ArborNode node)
    {
        Node = node;
        _id = Pid.NextId();
        _status = Scheduled; // not runnable until Start queues it
    }

    private enum PendingKind : byte
    {
        None,
        Init,
        Handler,
        Terminate,
    }

    public ArborNode Node { get; }

    public Pid Pid => new(this, _id);

    public bool IsAlive => Volatile.Read(ref _status) != Dead;

    /// <summary>The exit reason once the process has exited.</summary>
    public ExitReason? ExitReason => Volatile.Read(ref _exitReason);

    public ProcessBehavior? Behavior => _behavior;

    /// <summary>Whether exit signals arrive as <see cref="Exited"/> messages. Owner only.</summary>
    public bool TrapExit
    {
        get => _trapExit;
        set => _trapExit = value;
    }

    /// <summary>The process that started this one linked (OTP parent); its exit stops a trapping GenServer.</summary>
    public Pid Parent { get; private set; }

    /// <summary>The locally registered name, if any.</summary>
    public string? RegisteredName { get; internal set; }

    /// <summary>The stop requested by the running handler, applied when it returns.</summary>
    public ExitReason? StopRequest => _stopRequest;

    internal ProcessExtras Extras => _extras ?? CreateExtras();

    internal ProcessExtras? ExtrasIfAny => _extras;

    /// <summary>Claims this process for a behaviour being constructed on this thread; a second claim fails.</summary>
    internal static Process TakeInitializing(Type behaviorType)
    {
        var process = t_initializing ?? throw ProcessBehavior.CreatedOutsideRuntime(behaviorType);
        t_initializing = null;
        return process;
    }

    /// <summary>Queues an ordinary message. False when the process has exited (the mailbox is closed).</summary>
    public bool Enqueue(Envelope envelope)
    {
        if (!MailboxStack.TryPush(ref _inbox, envelope))
        {
            return false;
        }

        Schedule();
        return true;
    }

    /// <summary>Queues an exit signal, handled ahead of ordinary messages.</summary>
    public void EnqueueSignal(Envelope signal)
    {
        if (MailboxStack.TryPush(ref _signals, signal))
        {
            Schedule();
        }
    }

    public void RequestStop(ExitReason reason) => _stopRequest = reason;

    /// <summary>Keeps a reply made during the running handler until the handler returns. Owner only.</summary>
    public void StageReply(CallMessage call)
    {
        _stagedReply?.PublishStaged(handOff: false);
        _stagedReply = call;
    }

    /// <summary>Wakes the caller of the reply staged by the running handler, if any. Owner only.</summary>
    public void PublishStagedReply(bool handOff)
    {
        if (_stagedReply is { } staged)
        {
            _stagedReply = null;
            staged.PublishStaged(handOff);
        }
    }

    private void Run()
    {
        var budget = FairnessBudget;
        RunUntilTurnEnds(ref budget);
        if (budget != FairnessBudget && ArborTelemetry.MessagesProcessed.Enabled)
        {
            ArborTelemetry.MessagesProcessed.Add(FairnessBudget - budget);
        }
    }

    private void RunUntilTurnEnds(ref int budget)
    {
        while (true)
        {
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
                ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
                return;
            }

            var batch = _batch ?? TakeMailbox();
            if (batch is null)
            {
                break;
            }

            _batch = null;
            if (!DrainBatch(batch, ref budget))
            {
                return;
            }
        }

        GoIdle();
    }

    private Envelope? TakeMailbox()
    {
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
    private bool DrainBatch(Envelope envelope, ref int budget)
    {
        var behavior = _behavior!;
        while (true)
        {
            var next = envelope.Next;
            envelope.Next = null;
            ValueTask handled;
            try
            {
                handled = envelope.Kind == EnvelopeKind.IdleTimeout ? HandleIdleCheck() : HandleCounted(behavior, envelope);
            }
            catch (Exception exception)
            {
                PublishStagedReply(handOff: false);
                _batch = next;
                _current = envelope;
                BeginStop(ExitReason.Crash(exception), report: true);
                return IsAlive;
            }

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
            Worker.ReleaseHandOffs();
            if (budget <= 0)
            {
                _batch = next;
                ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
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
        _pending = pending;
        _pendingKind = kind;
        Volatile.Write(ref _pendingDone, 0);
        pending.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(_resume ??= Resume);
    }

    private void Resume()
    {
        Volatile.Write(ref _pendingDone, 1);
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

    private ProcessExtras CreateExtras()
    {
        lock (this)
        {
            return _extras ??= new ProcessExtras();
        }
    }

    /// <inheritdoc/>
    public override string ToString() => RegisteredName is { } name ? $"{Pid} ({name})" : Pid.ToString();
}
