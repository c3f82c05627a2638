using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Arbor.Introspection;

namespace Arbor.Dashboard.Sources;

/// <summary>The dashboard's own node: its introspection API read directly, actions done here.</summary>
internal sealed class LocalSource(ArborNode node) : IDashboardSource
{
    private static readonly TimeSpan ActionTimeout = TimeSpan.FromSeconds(10);

    public string NodeName => node.NodeName ?? "local";

    public Task<bool> AcceptsActionsAsync() => Task.FromResult(true);

    public Task<NodeCounters> GetCountersAsync() => Task.FromResult(node.Introspection.GetCounters());

    public Task<IReadOnlyList<CrashRecord>> RecentCrashesAsync(int max) =>
        Task.FromResult<IReadOnlyList<CrashRecord>>(node.Introspection.RecentCrashes().Take(max).ToList());

    public Task<ProcessPage> ListProcessesAsync(ProcessQuery query) => Task.FromResult(node.Introspection.ListProcesses(query));

    public Task<ProcessDetails?> GetProcessAsync(long serial) =>
        Task.FromResult(node.Introspection.GetProcess(node.Introspection.FindProcess(serial)));

    public Task<IReadOnlyList<SupervisorSnapshot>> GetTreeAsync(int maxChildrenPerSupervisor, CancellationToken cancellationToken) =>
        node.Introspection.GetSupervisionTreeAsync(maxChildrenPerSupervisor, cancellationToken: cancellationToken);

    public Task<SupervisorSnapshot?> GetSupervisorAsync(long serial, int offset, int limit, CancellationToken cancellationToken) =>
        node.Introspection.GetSupervisorAsync(node.Introspection.FindProcess(serial), offset, limit, cancellationToken: cancellationToken);

    public Task<ActionOutcome> KillAsync(long serial, string user)
    {
        var pid = node.Introspection.FindProcess(serial);
        if (pid.IsNone)
        {
            return Task.FromResult(new ActionOutcome(false, "no such process"));
        }

        node.Exit(pid, ExitReason.Kill);
        return Task.FromResult(new ActionOutcome(true, $"killed {pid}"));
    }

    public async Task<ActionOutcome> TerminateChildAsync(long supervisor, string childId, long? childSerial, string user)
    {
        var pid = node.Introspection.FindProcess(supervisor);
        if (pid.IsNone)
        {
            return new ActionOutcome(false, "no such supervisor");
        }

        // A dynamic supervisor's children share their spec's id: they are terminated by pid.
        var result = await SupervisorRef.FromPid(pid).TerminateChildAsync(childId, ActionTimeout).ConfigureAwait(false);
        if (result == TerminateChildResult.DynamicSupervisor && childSerial is { } child)
        {
            result = await DynamicSupervisorRef.FromPid(pid).TerminateChildAsync(node.Introspection.FindProcess(child), ActionTimeout).ConfigureAwait(false);
        }

        return new ActionOutcome(result == TerminateChildResult.Terminated, result.ToString());
    }

    public async Task<ActionOutcome> RestartChildAsync(long supervisor, string childId, string user)
    {
        var pid = node.Introspection.FindProcess(supervisor);
        if (pid.IsNone)
        {
            return new ActionOutcome(false, "no such supervisor");
        }

        var reference = SupervisorRef.FromPid(pid);
        // A running child is terminated first, so "restart" means the same thing whether it runs or not.
        await reference.TerminateChildAsync(childId, ActionTimeout).ConfigureAwait(false);
        var result = await reference.RestartChildAsync(childId, ActionTimeout).ConfigureAwait(false);
        return new ActionOutcome(result.Status is RestartChildStatus.Restarted or RestartChildStatus.Ignored, result.ToString()!);
    }
}
