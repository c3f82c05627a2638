using System;
using System.Threading.Tasks;

namespace Arbor;

/// <summary>
/// Starts one child for a supervisor: runs the spec's start function as the supervisor process (so a linked start links
/// to it, even when the supervisor's handler has resumed on a pool thread after an await), turns a throwing or broken
/// start function into a failure, makes sure the child is linked, and reports the outcome.
/// </summary>
internal sealed class ChildStarter
{
    private readonly Process _supervisor;
    private readonly SupervisorReporter _reporter;

    public ChildStarter(Process supervisor, SupervisorReporter reporter)
    {
        _supervisor = supervisor;
        _reporter = reporter;
    }

    /// <summary>Starts <paramref name="child"/>; the result is Started, Ignored, AlreadyStarted or Failed, never an exception.</summary>
    public async ValueTask<StartResult> StartAsync(ChildRecord child)
    {
        child.Starts++;
        StartResult result;
        try
        {
            var context = new ChildStartContext(_supervisor.Node, child.ExtraArguments);
            var pending = _supervisor.RunAsCurrent(static state => state.Spec.Start(state.Context), (child.Spec, Context: context));
            result = await pending.ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            result = StartResult.Failed(ExitReason.Crash(exception));
        }

        if (result.IsStarted)
        {
            result = EnsureLinked(child, result.Pid);
        }

        switch (result.Status)
        {
            case StartStatus.Started:
                _reporter.ChildStarted(child, result.Pid);
                break;
            case StartStatus.Ignored:
                break;
            default:
                _reporter.ChildStartFailed(child, FailureReason(result));
                break;
        }

        return result;
    }

    /// <summary>The reason a non-started, non-ignored outcome counts as (OTP <c>{already_started, Pid}</c> for a taken name).</summary>
    public static ExitReason FailureReason(StartResult result) =>
        result.Status == StartStatus.AlreadyStarted ? ExitReason.Other(new AlreadyStarted(result.Pid)) : result.Reason ?? ExitReason.NoProc;

    /// <summary>
    /// A child the supervisor is not linked to would never be restarted. A live unlinked child means the start function
    /// forgot <see cref="StartOptions.Link"/>: it is killed and the start fails with a clear reason. An unlinked dead one
    /// may simply have exited already (exits clear links); linking to it delivers a <c>noproc</c> exit, so the supervisor
    /// hears about it either way.
    /// </summary>
    private StartResult EnsureLinked(ChildRecord child, Pid pid)
    {
        if (pid.IsRemote)
        {
            return EnsureLinkedRemote(child, pid);
        }

        if (pid.Process is not { } process)
        {
            return StartResult.Failed(ExitReason.Crash(new InvalidOperationException(
                $"The start function of child '{child.Id}' returned {pid}, which is not a process of this node.")));
        }

        if (_supervisor.IsLinkedWith(process))
        {
            return StartResult.Started(pid);
        }

        if (process.IsAlive)
        {
            Process.SendExit(_supervisor.Pid, pid, ExitReason.Kill);
            return StartResult.Failed(ExitReason.Crash(new InvalidOperationException(
                $"The start function of child '{child.Id}' started {pid} without linking it to its supervisor, so its exits could not be " +
                "supervised; the process was killed. Start it with StartOptions.Link = true (the generated ChildSpec does).")));
        }

        _supervisor.Link(process);
        return StartResult.Started(pid);
    }

    /// <summary>
    /// A child on another node (<see cref="Distribution.RemoteStart.RemoteChild"/>) is linked by the start itself, before
    /// it completes. Without the link its exits could not be supervised: it is killed and the start fails. (A child that
    /// died in the instant between its start and this check has lost the link too; that start counts as failed and is
    /// retried like any failed start.)
    /// </summary>
    private StartResult EnsureLinkedRemote(ChildRecord child, Pid pid)
    {
        if (_supervisor.IsLinkedWithRemote(pid))
        {
            return StartResult.Started(pid);
        }

        Process.SendExit(_supervisor.Pid, pid, ExitReason.Kill);
        return StartResult.Failed(ExitReason.Crash(new InvalidOperationException(
            $"The start function of child '{child.Id}' started {pid} on another node without linking it to its supervisor, so its exits " +
            "could not be supervised; the process was killed. Start it with RemoteStartOptions.Link = true (RemoteChild.Spec does).")));
    }
}
