using System;
using System.Threading;
using System.Threading.Tasks;
using Arbor.Introspection.InFlight;
using Arbor.Timers;

namespace Arbor;

internal sealed partial class Process
{
    private StartRequest? _start;

    /// <summary>
    /// Creates a process and queues its init. The name is registered and the link made before init runs, so init
    /// failures reach the parent and the name is never briefly free. Returns the holder's pid, without starting
    /// anything, when the name is taken; otherwise <see cref="Pid.None"/> and <paramref name="request"/> completes once
    /// init has decided.
    /// </summary>
    public static Pid Start(ArborNode node, StartRequest request, StartOptions options)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(options);
        var parent = Current;
        if ((options.Link || options.Monitor) && parent is null)
        {
            var option = options.Link ? "StartOptions.Link links the new process to" : "StartOptions.Monitor monitors the new process from";
            throw new InvalidOperationException(
                option + " the calling process, but this call is not running inside a process. " +
                "Start it without that option, or start it from a process (for example a supervisor).");
        }

        CheckOptions(options);
        node.ThrowIfStopped();
        var process = new Process(node);
        process._mailboxLimit = options.MaxMailboxLength ?? 0;
        if (options.Name is { } name && !node.Names.TryRegister(name, process, out var holder))
        {
            return holder;
        }

        if (options.Link)
        {
            parent!.Link(process);
            process.Parent = parent.Pid;
        }

        if (options.Monitor)
        {
            request.Monitor = parent!.Monitor(process.Pid);
        }

        if (options.Timeout is { } timeout && timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            var deadline = new StartDeadline(process) { DueMs = node.Clock.DueAfter(timeout) };
            request.Deadline = deadline;
            node.Clock.Durable.Schedule(deadline);
        }

        request.OnCreated(process.Pid, request.Monitor);
        process._start = request;
        node.OnSpawned(process);
        ArborTelemetry.ProcessesSpawned.Add(1);
        if (InFlightTracking.IsOn)
        {
            process.CountScheduled();
        }

        process.Scheduler.Queue(process);
        return Pid.None;
    }

    /// <summary>Bad options fail the start at once, before anything is created.</summary>
    private static void CheckOptions(StartOptions options)
    {
        if (options.Timeout is { } timeout && timeout <= TimeSpan.Zero && timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(options), timeout, "StartOptions.Timeout must be positive, or Timeout.InfiniteTimeSpan (or null) for none.");
        }

        if (options.MaxMailboxLength is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxMailboxLength, "StartOptions.MaxMailboxLength must be positive (or null for no limit).");
        }
    }

    /// <summary>Init overran its <see cref="StartOptions.Timeout"/>: the process is killed and the start fails with <c>timeout</c>.</summary>
    internal void TimeOutStart()
    {
        if (Volatile.Read(ref _start) is not null)
        {
            KillNow(ExitReason.Killed, startFailure: ExitReason.StartTimeout);
        }
    }

    private void RunInit()
    {
        if (Volatile.Read(ref _start) is not { } start)
        {
            AfterKilledElsewhere();
            return;
        }

        ProcessBehavior behavior;
        t_initializing = this;
        try
        {
            behavior = start.Factory();
        }
        catch (Exception exception)
        {
            FailInit(ExitReason.Crash(exception));
            return;
        }
        finally
        {
            t_initializing = null;
        }

        if (!ReferenceEquals(behavior?.Owner, this))
        {
            FailInit(ExitReason.Crash(new InvalidOperationException(
                "The start factory must create and return a new behaviour instance (for example '() => new Counter(0)'); " +
                "it returned " + (behavior is null ? "null" : "an instance created elsewhere") + ".")));
            return;
        }

        if (Volatile.Read(ref _status) == Dead)
        {
            // Killed while the constructor ran: init goes no further.
            AfterKilledElsewhere();
            return;
        }

        _behavior = behavior;
        ValueTask<InitResult> init;
        try
        {
            init = behavior.InitCoreAsync();
            if (init.IsCompleted)
            {
                start.Result = init.Result;
                FinishInit(start.Result);
                return;
            }
        }
        catch (Exception exception)
        {
            FailInit(ExitReason.Crash(exception));
            return;
        }

        SetPending(AwaitInit(start, init), PendingKind.Init);
    }

    // On a tracking node with the process's context, so the hand-off is counted (see GenServer.HandlerThenContinueAsync).
    private static async ValueTask AwaitInit(StartRequest start, ValueTask<InitResult> init) =>
        start.Result = await init.ConfigureAwait(InFlightTracking.IsOn);

    private void CompleteInit(ValueTask pending)
    {
        try
        {
            pending.GetAwaiter().GetResult();
        }
        catch (Exception exception)
        {
            FailInit(ExitReason.Crash(exception));
            return;
        }

        if (Volatile.Read(ref _start) is not { } start)
        {
            AfterKilledElsewhere();
            return;
        }

        FinishInit(start.Result);
    }

    private void FinishInit(InitResult result)
    {
        switch (result.Outcome)
        {
            case InitOutcome.Ignore:
                FinishExit(ExitReason.Normal, report: false, ignored: true);
                return;
            case InitOutcome.Stop:
                FinishExit(result.Reason!, report: !result.Reason!.IsOrderly);
                return;
        }

        // Taken atomically: a kill from another thread during init takes it too, and fails the start instead.
        if (Interlocked.Exchange(ref _start, null) is not { } start)
        {
            AfterKilledElsewhere();
            return;
        }

        start.Finish(StartResult.Started(Pid));

        // What init asked to run next (a GenServer's continue) runs now, after the starter has its answer, as OTP runs
        // {continue, C} after proc_lib's init_ack: a slow or failing continue is the process's business, not the start's.
        ValueTask afterInit;
        try
        {
            afterInit = _behavior!.AfterInitAsync();
            if (afterInit.IsCompleted)
            {
                afterInit.GetAwaiter().GetResult();
            }
        }
        catch (Exception exception)
        {
            BeginStop(ExitReason.Crash(exception), report: true);
            return;
        }

        if (!afterInit.IsCompleted)
        {
            SetPending(afterInit, PendingKind.Handler);
            return;
        }

        AfterHandler();
    }

    private void FailInit(ExitReason reason) => FinishExit(reason, report: true);
}
