using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Arbor.Protocol;
using Arbor.Timers;

namespace Arbor;

/// <summary>
/// The parts of a process that most processes never use, allocated on first use so an idle process stays small.
/// Fields marked "shared" are guarded by the process lock; "owner" fields are touched only by the process itself.
/// </summary>
internal sealed class ProcessExtras
{
    /// <summary>shared: linked processes.</summary>
    public HashSet<Process>? Links;

    /// <summary>shared: processes on other nodes linked with this one.</summary>
    public HashSet<Pid>? RemoteLinks;

    /// <summary>shared: processes on other nodes monitoring this one.</summary>
    public List<Arbor.Distribution.Control.RemoteWatcher>? RemoteWatchers;

    /// <summary>shared: monitors other processes hold on this one.</summary>
    public List<MonitorRef>? Watchers;

    /// <summary>shared: registrations to drop when the process exits (names, duplicate-key entries).</summary>
    public List<IProcessRegistration>? Registrations;

    /// <summary>shared: waits completed with the exit reason.</summary>
    public List<ExitWaiter>? ExitWaiters;

    /// <summary>shared: cancelled when the process exits; created the first time a handler asks for the token.</summary>
    public CancellationTokenSource? ExitCancellation;

    /// <summary>owner: monitors this process holds on others.</summary>
    public List<MonitorRef>? Monitors;

    /// <summary>owner: calls received and not yet answered (deferred replies).</summary>
    public List<CallMessage>? DeferredCalls;

    /// <summary>owner: replies held back until the terminate hook has run (stop with reply).</summary>
    public List<CallMessage>? HeldReplies;

    /// <summary>owner: argument of a requested continue.</summary>
    public object? ContinueArgument;

    /// <summary>owner: the idle timeout in milliseconds; 0 when off.</summary>
    public long IdleTimeoutMs;

    /// <summary>owner: the reusable idle timer.</summary>
    public IdleTimer? IdleTimer;

    /// <summary>owner: when the mailbox last ran dry.</summary>
    public long IdleSinceMs;

    /// <summary>owner: messages handled; an idle timer that sees it unchanged knows nothing arrived meanwhile.</summary>
    public long Handled;

    /// <summary>shared (atomic adds): work counted while the node is observed; null until the first observed turn.</summary>
    public Introspection.ProcessStatistics? Statistics;

    /// <summary>set once by the supervisor that restarted this process: the abnormal exit of the incarnation it replaced.</summary>
    public Introspection.LastExit? PreviousExit;
}
