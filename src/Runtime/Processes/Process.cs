using System;
using System.Threading;
using System.Threading.Tasks;
using Arbor.Protocol;

namespace Arbor;

/// <summary>
/// A lightweight process: identity, a lock-free mailbox, a separate queue for exit signals, and the scheduling state
/// that runs it on the runtime's scheduler threads one message at a time. This file holds identity and scheduling; links,
/// monitors, init and exit live in the other parts of the class.
/// </summary>
internal sealed partial class Process : IThreadPoolWorkItem
{
    /// <summary>Messages handled per turn on a scheduler thread before the process yields to others.</summary>
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

    // The mailbox limit (StartOptions.MaxMailboxLength), 0 for none; when set, _queued counts messages not yet taken.
    private int _mailboxLimit;
    private int _queued;

    private ProcessSynchronizationContext? _synchronizationContext;
    private ValueTask _pending;
    private PendingKind _pendingKind;
    private int _pendingDone;
    private Action? _resume;

    public Process(ArborNode node)
    {
        Node = node;
        Scheduler = node.Scheduling.Processes;
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

    /// <summary>Where this process's turns and handler continuations run (its node's scheduler, read once).</summary>
    public Scheduling.ProcessScheduler Scheduler { get; }

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

    /// <summary>The context installed while this process's handlers run (created on the first turn).</summary>
    internal ProcessSynchronizationContext SynchronizationContext => _synchronizationContext ??= new ProcessSynchronizationContext(this);

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

        if (_mailboxLimit != 0)
        {
            CountQueued();
        }

        Schedule();
        return true;
    }

    /// <summary>Queues a call request; the caller is about to await it (see <see cref="ScheduleForCall"/>).</summary>
    public bool EnqueueCall(CallMessage call, WorkerThread caller)
    {
        if (!MailboxStack.TryPush(ref _inbox, call))
        {
            return false;
        }

        if (_mailboxLimit != 0)
        {
            CountQueued();
        }

        ScheduleForCall(caller);
        return true;
    }

    /// <summary>Queues an exit signal (decided ahead of ordinary messages) and its in-order twin.</summary>
    public void EnqueueSignal(ExitSignal signal)
    {
        if (signal.IsUntrappableKill)
        {
            // kill cannot be trapped or delayed: it takes effect now, even if a handler of this process is stuck.
            KillNow();
            return;
        }

        if (MailboxStack.TryPush(ref _signals, signal))
        {
            if (MailboxStack.TryPush(ref _inbox, signal.InOrder) && _mailboxLimit != 0)
            {
                Interlocked.Increment(ref _queued);
            }

            Schedule();
        }
    }

    public void RequestStop(ExitReason reason) => _stopRequest = reason;

    /// <summary>Asks the process, from outside, to stop through its terminate hook once it reaches this request in its mailbox.</summary>
    public bool RequestSystemStop(ExitReason reason) => Enqueue(new InfoEnvelope(new SystemStop(reason)));

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
