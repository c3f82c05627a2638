using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Arbor.Introspection;

namespace Arbor.Dashboard.Sources;

/// <summary>
/// Where the dashboard reads one node's views and sends its actions: this node (<see cref="LocalSource"/>) or a connected
/// node's introspection service (<see cref="RemoteSource"/>). Processes are addressed by their serial on that node.
/// </summary>
internal interface IDashboardSource
{
    /// <summary>The node's name as the picker shows it.</summary>
    string NodeName { get; }

    /// <summary>Whether the node itself accepts destructive actions (this node: always; another: its own setting).</summary>
    Task<bool> AcceptsActionsAsync();

    Task<NodeCounters> GetCountersAsync();

    Task<IReadOnlyList<CrashRecord>> RecentCrashesAsync(int max);

    Task<ProcessPage> ListProcessesAsync(ProcessQuery query);

    Task<ProcessDetails?> GetProcessAsync(long serial);

    Task<IReadOnlyList<SupervisorSnapshot>> GetTreeAsync(int maxChildrenPerSupervisor, CancellationToken cancellationToken);

    Task<SupervisorSnapshot?> GetSupervisorAsync(long serial, int offset, int limit, CancellationToken cancellationToken);

    /// <summary>Kills process <paramref name="serial"/>; the outcome says what happened.</summary>
    Task<ActionOutcome> KillAsync(long serial, string user);

    Task<ActionOutcome> TerminateChildAsync(long supervisor, string childId, long? childSerial, string user);

    Task<ActionOutcome> RestartChildAsync(long supervisor, string childId, string user);
}

/// <summary>What an action did: done, not done (no such process, ...), or refused by the node that owns the process.</summary>
internal sealed record ActionOutcome(bool Done, string Outcome, bool Refused = false);
