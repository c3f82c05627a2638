using System.Collections.Generic;
using System.Threading.Tasks;

namespace Arbor;

/// <summary>
/// Stops children the OTP way (<c>shutdown/2</c>): unlink, send <c>shutdown</c> (or <c>kill</c> for brutal kill), wait for
/// the exit (and after a timeout send <c>kill</c>), report an unexpected exit reason. The wait is on the process's exit
/// itself, not on an exit signal, so a child that unlinked itself cannot hang the supervisor.
/// </summary>
internal sealed class ChildTerminator
{
    private readonly Process _supervisor;
    private readonly SupervisorReporter _reporter;

    public ChildTerminator(Process supervisor, SupervisorReporter reporter)
    {
        _supervisor = supervisor;
        _reporter = reporter;
    }

    /// <summary>Stops <paramref name="child"/>'s process, if it has one, and waits for it; returns its exit reason.</summary>
    public async ValueTask<ExitReason?> TerminateAsync(ChildRecord child)
    {
        var stopping = Begin(child);
        if (stopping is null)
        {
            return null;
        }

        return await FinishAsync(child, stopping.Value).ConfigureAwait(false);
    }

    /// <summary>Stops all <paramref name="children"/> at once and waits for all (a dynamic supervisor's parallel shutdown).</summary>
    public async ValueTask TerminateAllAsync(IReadOnlyList<ChildRecord> children)
    {
        var stopping = new List<(ChildRecord Child, Stopping Stop)>(children.Count);
        foreach (var child in children)
        {
            if (Begin(child) is { } stop)
            {
                stopping.Add((child, stop));
            }
        }

        var waits = new Task[stopping.Count];
        for (var i = 0; i < waits.Length; i++)
        {
            waits[i] = FinishAsync(stopping[i].Child, stopping[i].Stop).AsTask();
        }

        await Task.WhenAll(waits).ConfigureAwait(false);
    }

    /// <summary>Unlinks and signals the child; its exit is then awaited by <see cref="FinishAsync"/>.</summary>
    private Stopping? Begin(ChildRecord child)
    {
        Task<ExitReason> exited;
        if (child.Pid.IsRemote)
        {
            // A child on another node: its exit is watched through a monitor (noconnection if the node is lost).
            if (_supervisor.Node.Distribution is not { } distribution)
            {
                return null;
            }

            exited = distribution.WhenExitedAsync(child.Pid);
            _supervisor.UnlinkRemote(child.Pid);
        }
        else if (child.Pid.Process is { } process)
        {
            // Watch the exit before unlinking: from here on the supervisor learns how the child ended from this task, and no
            // exit message for it is delivered (one already queued is ignored, the pid no longer being a current child's).
            exited = process.WhenExited();
            _supervisor.Unlink(process);
        }
        else
        {
            return null;
        }

        var shutdown = child.Spec.EffectiveShutdown;
        var brutal = shutdown.Kind == ShutdownKind.BrutalKill;
        Process.SendExit(_supervisor.Pid, child.Pid, brutal ? ExitReason.Kill : ExitReason.Shutdown);
        var timer = shutdown.Kind == ShutdownKind.Timeout && !exited.IsCompleted ? ShutdownTimer.Start(_supervisor.Node.Clock, shutdown.Timeout) : null;
        return new Stopping(child.Pid, exited, timer, brutal);
    }

    private async ValueTask<ExitReason> FinishAsync(ChildRecord child, Stopping stopping)
    {
        if (stopping.Timer is { } timer)
        {
            var first = await Task.WhenAny(stopping.Exited, timer.Elapsed).ConfigureAwait(false);
            if (first == stopping.Exited)
            {
                timer.Cancel();
            }
            else
            {
                Process.SendExit(_supervisor.Pid, stopping.Pid, ExitReason.Kill);
            }
        }

        var reason = await stopping.Exited.ConfigureAwait(false);
        if (!RestartPolicy.IsExpectedShutdown(child.Spec, reason, stopping.Brutal))
        {
            _reporter.ShutdownError(child, stopping.Pid, reason);
        }

        return reason;
    }

    private readonly record struct Stopping(Pid Pid, Task<ExitReason> Exited, ShutdownTimer? Timer, bool Brutal);
}
