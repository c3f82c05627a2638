using System;
using System.Threading;
using System.Threading.Tasks;
using Arbor.Protocol;

namespace Arbor;

/// <summary>
/// A generic server (OTP <c>gen_server</c>): a process that handles calls, casts and other messages one at a time.
/// Users normally write a <c>[GenServer] partial class</c> and let the generator derive it from this class and write the
/// dispatch; hand-written subclasses override the <c>Handle*Async</c> callbacks directly.
/// </summary>
/// <remarks>
/// The constructor is the init callback: it runs inside the new process, so <see cref="Self"/> is already valid, and an
/// exception it throws is an init failure reported to the starter. The members below are what a gen_server callback can
/// do, in C# shape: ask to stop or continue, set an idle timeout, start timers, link, monitor and trap exits.
/// </remarks>
public abstract partial class GenServer : ProcessBehavior
{
    /// <summary>Creates the server; only valid while the runtime is starting a process for it.</summary>
    protected GenServer()
    {
    }

    /// <summary>This process.</summary>
    protected Pid Self => Owner.Pid;

    /// <summary>The node this process runs on.</summary>
    protected ArborNode Node => Owner.Node;

    /// <summary>
    /// A token cancelled when this process exits: killed, stopped by an exit signal it does not trap, or at the end of
    /// its exit after terminate. Async handlers pass it to the I/O they await so a dead process does not keep work
    /// running; a handler's <see cref="System.Threading.CancellationToken"/> parameter receives it.
    /// </summary>
    protected CancellationToken ExitToken => Owner.ExitToken;

    /// <summary>The process that started this one linked (its supervisor), or <see cref="Pid.None"/>.</summary>
    protected Pid Parent => Owner.Parent;

    /// <summary>
    /// Whether exit signals from linked processes arrive as <see cref="Exited"/> info messages instead of stopping this
    /// process (OTP <c>process_flag(trap_exit, true)</c>). An explicit <c>kill</c> cannot be trapped. When trapping, an
    /// exit from <see cref="Parent"/> stops the server through <see cref="TerminateAsync"/> with the same reason.
    /// </summary>
    protected bool TrapExit
    {
        get => Owner.TrapExit;
        set => Owner.TrapExit = value;
    }

    /// <summary>
    /// When set, an <see cref="Arbor.IdleTimeout"/> info message arrives after each period of this length in which no
    /// message was handled (OTP's timeout return value). Null turns it off.
    /// </summary>
    protected TimeSpan? IdleTimeout
    {
        get => Owner.IdleTimeout;
        set => Owner.SetIdleTimeout(value);
    }

    /// <summary>
    /// The most messages this server's mailbox may hold; null (the default) for no limit. Set it in the constructor to
    /// give every instance the limit, including those started from a generated child spec (or use
    /// <see cref="StartOptions.MaxMailboxLength"/> per start). A send that takes the mailbox past it kills the server
    /// with <see cref="ExitReason.MailboxOverflow"/>, so its supervisor restarts it with an empty mailbox.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to zero or less.</exception>
    protected int? MaxMailboxLength
    {
        get => Owner.MailboxLimit;
        set => Owner.SetMailboxLimit(value);
    }

    /// <summary>Stops the server normally once the current handler returns.</summary>
    protected void Stop() => Stop(ExitReason.Normal);

    /// <summary>
    /// Stops the server with <paramref name="reason"/> once the current handler returns: <see cref="TerminateAsync"/>
    /// runs, then the process exits. A call handler's return value is sent after terminate has run (OTP <c>{stop, Reason, Reply, State}</c>).
    /// </summary>
    protected void Stop(ExitReason reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        Owner.RequestStop(reason);
    }

    /// <summary>
    /// Runs <see cref="HandleContinueAsync"/> with <paramref name="argument"/> right after the current handler (or init),
    /// before any queued message (OTP <c>{continue, Arg}</c>).
    /// </summary>
    protected void Continue(object argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        var extras = Owner.Extras;
        if (extras.ContinueArgument is not null)
        {
            throw new InvalidOperationException("Continue was already requested by this handler; a handler can ask for one continue.");
        }

        extras.ContinueArgument = argument;
    }

    /// <summary>Links this process with <paramref name="other"/> (bidirectional, idempotent). A dead <paramref name="other"/> sends this process a <c>noproc</c> exit signal.</summary>
    protected void Link(Pid other)
    {
        if (other.Process is { } process)
        {
            Owner.Link(process);
        }
        else if (other.IsRemote)
        {
            Owner.LinkRemote(other);
        }
        else
        {
            throw new ArgumentException("Only live processes can be linked (the pid is empty or names a process of an earlier incarnation of this node).", nameof(other));
        }
    }

    /// <summary>Removes a link (no-op when not linked).</summary>
    protected void Unlink(Pid other)
    {
        if (other.Process is { } process)
        {
            Owner.Unlink(process);
        }
        else if (other.IsRemote)
        {
            Owner.UnlinkRemote(other);
        }
    }

    /// <summary>Monitors <paramref name="target"/>: a <see cref="Down"/> info message arrives when it exits (at once, with <c>noproc</c>, if it already has).</summary>
    protected MonitorRef Monitor(Pid target) => Owner.Monitor(target);

    /// <summary>Removes a monitor; with <paramref name="flush"/>, a <see cref="Down"/> for it already queued is dropped. True if the monitor was active.</summary>
    protected bool Demonitor(MonitorRef reference, bool flush = false)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return Owner.Demonitor(reference, flush);
    }

    /// <summary>Sends an exit signal to <paramref name="target"/> (OTP <c>exit/2</c>); <see cref="ExitReason.Kill"/> cannot be trapped.</summary>
    protected void Exit(Pid target, ExitReason reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        Process.SendExit(Self, target, reason);
    }

    /// <summary>Sends <paramref name="message"/> to this process after <paramref name="delay"/> (OTP <c>send_after</c>).</summary>
    protected TimerRef SendAfter(TimeSpan delay, object message) => Node.SendAfter(Self, delay, message);

    /// <summary>Sends <paramref name="message"/> to <paramref name="target"/> after <paramref name="delay"/>.</summary>
    protected TimerRef SendAfter(Pid target, TimeSpan delay, object message) => Node.SendAfter(target, delay, message);

    /// <summary>Init beyond the constructor: may run asynchronously, or answer ignore or stop. Runs inside the new process.</summary>
    protected virtual ValueTask<InitResult> InitAsync() => new(InitResult.Ok);

    /// <summary>Handles a call request. The generated override routes each request type to its <c>[Call]</c> method.</summary>
    /// <exception cref="UnexpectedMessageException">The default: this server does not handle calls of that type (a crash, as in OTP).</exception>
    protected virtual ValueTask HandleCallAsync(CallMessage call) => throw new UnexpectedMessageException(GetType(), "call", call);

    /// <summary>Handles a cast request. The generated override routes each request type to its <c>[Cast]</c> method.</summary>
    /// <exception cref="UnexpectedMessageException">The default: this server does not handle casts of that type (a crash, as in OTP).</exception>
    protected virtual ValueTask HandleCastAsync(CastMessage cast) => throw new UnexpectedMessageException(GetType(), "cast", cast);

    /// <summary>Handles any other message. The default logs it as unexpected and drops it, as OTP does.</summary>
    protected virtual ValueTask HandleInfoAsync(object message)
    {
        Node.Reporter.UnexpectedInfo(Owner, message);
        return default;
    }

    /// <summary>Handles a requested continue (see <see cref="Continue(object)"/>).</summary>
    /// <exception cref="UnexpectedMessageException">The default: the server asked to continue but handles no continue of that type.</exception>
    protected virtual ValueTask HandleContinueAsync(object argument) => throw new UnexpectedMessageException(GetType(), "continue", argument);

    /// <summary>The terminate hook: runs on stop, on a handler crash, and on the parent's exit while trapping exits; not when killed.</summary>
    protected virtual ValueTask TerminateAsync(ExitReason reason) => default;

    internal override string DescribeState() => GuardedText.Of(this);
}
