using System;
using System.Threading;
using System.Threading.Tasks;

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
        if (options.Link && parent is null)
        {
            throw new InvalidOperationException(
                "StartOptions.Link links the new process to the calling process, but this call is not running inside a process. " +
                "Start it unlinked, or start it from a process (for example a supervisor).");
        }

        node.ThrowIfStopped();
        var process = new Process(node);
        if (options.Name is { } name && !node.Names.TryRegister(name, process, out var holder))
        {
            return holder;
        }

        if (options.Link)
        {
            parent!.Link(process);
            process.Parent = parent.Pid;
        }

        process._start = request;
        node.OnSpawned(process);
        ArborTelemetry.ProcessesSpawned.Add(1);
        ThreadPool.UnsafeQueueUserWorkItem(process, preferLocal: false);
        return Pid.None;
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

    private static async ValueTask AwaitInit(StartRequest start, ValueTask<InitResult> init) =>
        start.Result = await init.ConfigureAwait(false);

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

        start.Complete(StartResult.Started(Pid));
        AfterHandler();
    }

    private void FailInit(ExitReason reason) => FinishExit(reason, report: true);
}
