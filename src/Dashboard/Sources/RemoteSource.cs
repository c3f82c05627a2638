using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Arbor.Introspection;
using Arbor.Introspection.Remote;

namespace Arbor.Dashboard.Sources;

/// <summary>
/// A connected node, read through its introspection service (<see cref="NodeIntrospection.ServeRemoteAsync"/>); its
/// actions are done by that node, and only if it allows them.
/// </summary>
internal sealed class RemoteSource(RemoteNodeIntrospection remote) : IDashboardSource
{
    public string NodeName => remote.NodeName;

    public Task<bool> AcceptsActionsAsync() => remote.AllowsActionsAsync();

    public Task<NodeCounters> GetCountersAsync() => remote.GetCountersAsync();

    public Task<IReadOnlyList<CrashRecord>> RecentCrashesAsync(int max) => remote.RecentCrashesAsync(max);

    public Task<ProcessPage> ListProcessesAsync(ProcessQuery query) => remote.ListProcessesAsync(query);

    public Task<ProcessDetails?> GetProcessAsync(long serial) => remote.GetProcessAsync(serial);

    public Task<IReadOnlyList<SupervisorSnapshot>> GetTreeAsync(int maxChildrenPerSupervisor, CancellationToken cancellationToken) =>
        remote.GetSupervisionTreeAsync(maxChildrenPerSupervisor).WaitAsync(cancellationToken);

    public Task<SupervisorSnapshot?> GetSupervisorAsync(long serial, int offset, int limit, CancellationToken cancellationToken) =>
        remote.GetSupervisorAsync(serial, offset, limit).WaitAsync(cancellationToken);

    public async Task<ActionOutcome> KillAsync(long serial, string user) => Of(await remote.KillAsync(serial, user).ConfigureAwait(false));

    public async Task<ActionOutcome> TerminateChildAsync(long supervisor, string childId, long? childSerial, string user) =>
        Of(await remote.TerminateChildAsync(supervisor, childId, childSerial, user).ConfigureAwait(false));

    public async Task<ActionOutcome> RestartChildAsync(long supervisor, string childId, string user) =>
        Of(await remote.RestartChildAsync(supervisor, childId, user).ConfigureAwait(false));

    private static ActionOutcome Of(RemoteActionResult result) => new(result.Done, result.Outcome, result.Refused);
}
