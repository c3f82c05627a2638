using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Arbor.Protocol;

namespace Arbor;

/// <summary>
/// What static and dynamic supervisors share: a GenServer that traps exits, routes each child's exit to OTP's restart
/// rules, counts restarts against the intensity, retries failed restarts behind queued messages, answers
/// which/count/stop, and shuts its children down when it stops.
/// </summary>
/// <remarks>
/// Restarts and shutdowns are awaited inside the handler, so the supervisor handles nothing else meanwhile, as an OTP
/// supervisor blocked in <c>start_link</c> or <c>shutdown/2</c>; exits arriving then queue and are handled next.
/// </remarks>
internal abstract class SupervisorServerBase : GenServer
{
    private protected SupervisorServerBase(int maxRestarts, TimeSpan within, bool indexById)
    {
        TrapExit = true;
        Reporter = new SupervisorReporter(Owner);
        Starter = new ChildStarter(Owner, Reporter);
        Terminator = new ChildTerminator(Owner, Reporter);
        Intensity = new RestartIntensity(maxRestarts, within);
        Children = new ChildTable(indexById);
    }

    private protected ChildTable Children { get; }

    private protected ChildStarter Starter { get; }

    private protected ChildTerminator Terminator { get; }

    private protected SupervisorReporter Reporter { get; }

    private protected RestartIntensity Intensity { get; }

    protected sealed override ValueTask HandleCallAsync(CallMessage call)
    {
        switch (call)
        {
            case WhichChildrenCall which:
                Reply(which, WhichChildren());
                return default;
            case CountChildrenCall count:
                Reply(count, CountChildren());
                return default;
            case Introspection.DescribeSupervisorCall describe:
                Reply(describe, Describe(describe.ChildOffset, describe.ChildLimit));
                return default;
            case StopSupervisorCall stop:
                // The reply is held until terminate has run, i.e. until the children have been shut down.
                Stop(stop.Reason);
                Reply(stop, true);
                return default;
            default:
                return TryHandleAdminCall(call, out var handled) ? handled : base.HandleCallAsync(call);
        }
    }

    protected sealed override ValueTask HandleInfoAsync(object message)
    {
        switch (message)
        {
            case Exited exited:
                // An exit from a pid that is no current child (stale after a restart or shutdown, or some other linked
                // process) is ignored, as OTP's supervisor does. The parent's exit never gets here: GenServer stops on it.
                return Children.TryGetByPid(exited.From, out var child) ? OnChildExitedAsync(child, exited.Reason) : default;
            case TryAgainRestart retry:
                return Children.Contains(retry.Child) && retry.Child.IsRestarting ? RestartAsync(retry.Child) : default;
            default:
                return base.HandleInfoAsync(message);
        }
    }

    protected sealed override ValueTask TerminateAsync(ExitReason reason) => TerminateChildrenAsync();

    /// <summary>The strategy's name for the introspection API: <c>OneForOne</c>, <c>OneForAll</c>, <c>RestForOne</c>, <c>Dynamic</c>.</summary>
    private protected abstract string StrategyName { get; }

    /// <summary>Handles the calls specific to this kind of supervisor; false for a call it does not know.</summary>
    private protected abstract bool TryHandleAdminCall(CallMessage call, out ValueTask handled);

    /// <summary>Restarts <paramref name="child"/> (and whoever the strategy says) once the intensity allowed it.</summary>
    private protected abstract ValueTask RestartByStrategyAsync(ChildRecord child);

    /// <summary>A child exited on its own and is not restarted.</summary>
    private protected abstract void OnChildGone(ChildRecord child, ExitReason reason);

    /// <summary>A restart returned ignore.</summary>
    private protected abstract void OnRestartIgnored(ChildRecord child);

    /// <summary>Shuts every child down as the supervisor stops.</summary>
    private protected abstract ValueTask TerminateChildrenAsync();

    /// <summary>Starts a child as part of a restart; false when it failed and a retry has been queued.</summary>
    private protected async ValueTask<bool> StartOrRetryAsync(ChildRecord child)
    {
        var result = await Starter.StartAsync(child).ConfigureAwait(false);
        switch (result.Status)
        {
            case StartStatus.Started:
                Children.SetRunning(child, result.Pid);
                if (child.LastExit is { } lastExit && result.Pid.Process is { } process)
                {
                    // What the introspection API shows as the new incarnation's "last crash".
                    process.Extras.PreviousExit = lastExit;
                }

                return true;
            case StartStatus.Ignored:
                OnRestartIgnored(child);
                return true;
            default:
                // OTP try_again_restart: the child is marked restarting and the retry queued behind pending messages;
                // every retry goes through the intensity again, so a child that never starts ends in a shutdown.
                Children.SetRestarting(child);
                Self.Send(new TryAgainRestart(child));
                return false;
        }
    }

    /// <summary>
    /// Starts a child added at run time (OTP <c>start_child</c>) and maps the outcome to the admin answer. A child whose
    /// init returned ignore keeps its spec when <paramref name="keepIgnored"/> (static supervisors, non-temporary).
    /// </summary>
    private protected async ValueTask<StartChildResult> StartAddedChildAsync(ChildRecord child, bool keepIgnored)
    {
        var result = await Starter.StartAsync(child).ConfigureAwait(false);
        switch (result.Status)
        {
            case StartStatus.Started:
                AddRunning(child, result.Pid);
                return StartChildResult.Started(result.Pid);
            case StartStatus.Ignored:
                if (keepIgnored)
                {
                    Children.Add(child);
                }

                return StartChildResult.Ignored();
            case StartStatus.AlreadyStarted:
                return StartChildResult.AlreadyStarted(result.Pid);
            default:
                return StartChildResult.Failed(ChildStarter.FailureReason(result));
        }
    }

    private protected void AddRunning(ChildRecord child, Pid pid)
    {
        Children.Add(child);
        Children.SetRunning(child, pid);
    }

    private ValueTask OnChildExitedAsync(ChildRecord child, ExitReason reason)
    {
        var pid = child.Pid;
        Children.SetNotRunning(child);
        if (!reason.IsOrderly)
        {
            child.LastExit = new Introspection.LastExit(DateTimeOffset.UtcNow, Introspection.CrashRecords.Render(reason));
        }

        if (RestartPolicy.IsReported(child.Spec.Restart, reason))
        {
            Reporter.ChildTerminated(child, pid, reason);
        }

        if (RestartPolicy.ShouldRestart(child.Spec.Restart, reason))
        {
            return RestartAsync(child);
        }

        OnChildGone(child, reason);
        return default;
    }

    /// <summary>OTP <c>restart/2</c>: record the restart; beyond the intensity, give up and shut down (escalating to the parent).</summary>
    private ValueTask RestartAsync(ChildRecord child)
    {
        if (!Intensity.TryRecordRestart(Node.Clock.NowMs))
        {
            Reporter.IntensityReached(child, Intensity);
            Children.SetNotRunning(child);
            Stop(ExitReason.Shutdown);
            return default;
        }

        if (ArborTelemetry.Restarts.Enabled)
        {
            ArborTelemetry.RecordRestart(Owner.ToString(), child.Id);
        }

        child.Restarts++;
        Owner.Node.Introspection.RecordRestart();

        return RestartByStrategyAsync(child);
    }

    private List<ChildInfo> WhichChildren()
    {
        var rows = new List<ChildInfo>(Children.Count);
        foreach (var child in Children.InStartOrder)
        {
            rows.Add(child.ToInfo());
        }

        return rows;
    }

    /// <summary>Its snapshot with children [offset, offset + limit) in start order, and totals over all of them.</summary>
    private Introspection.SupervisorSnapshot Describe(int offset, int limit)
    {
        var children = new List<Introspection.ChildSnapshot>(Math.Clamp(Children.Count - offset, 0, limit));
        int index = 0, running = 0;
        long restarts = 0;
        foreach (var child in Children.InStartOrder)
        {
            if (index >= offset && children.Count < limit)
            {
                children.Add(child.ToSnapshot());
            }

            running += child.State == ChildState.Running ? 1 : 0;
            restarts += child.Restarts;
            index++;
        }

        return new Introspection.SupervisorSnapshot(Owner.Pid, Owner.RegisteredName, StrategyName, Intensity.MaxRestarts, Intensity.Within, children, Responded: true)
        {
            ChildCount = index,
            ChildOffset = Math.Min(offset, index),
            RunningCount = running,
            TotalRestarts = restarts,
        };
    }

    private ChildCounts CountChildren()
    {
        int specs = 0, active = 0, supervisors = 0, workers = 0;
        foreach (var child in Children.InStartOrder)
        {
            specs++;
            if (child.Pid.IsAlive)
            {
                active++;
            }

            if (child.Spec.Type == ChildType.Supervisor)
            {
                supervisors++;
            }
            else
            {
                workers++;
            }
        }

        return new ChildCounts(specs, active, supervisors, workers);
    }
}
