using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Arbor.Comparison;

/// <summary>
/// One actor runtime's version of the comparison workloads. Each is written the way that runtime's users write it
/// (Arbor: generated clients; Akka.NET: Tell and Ask; Proto.Actor: Send and RequestAsync); the harness
/// (<see cref="ComparisonRun"/>) times them all alike.
/// </summary>
public interface IComparedRuntime : IAsyncDisposable
{
    /// <summary>Starts the long-lived servers the messaging workloads use.</summary>
    Task StartAsync();

    /// <summary>One producer casts <paramref name="casts"/> messages to one server; returns when the server has handled them all.</summary>
    Task CastAsync(int casts);

    /// <summary><paramref name="calls"/> sequential request/reply round trips from one caller outside the runtime.</summary>
    Task CallAsync(int calls);

    /// <summary><paramref name="rounds"/> ping-pong round trips between two servers.</summary>
    Task PingPongAsync(int rounds);

    /// <summary><paramref name="producers"/> threads cast <paramref name="casts"/> messages in all to one server.</summary>
    Task FanInAsync(int producers, int casts);

    /// <summary>
    /// <paramref name="callers"/> concurrent callers (async loops on the thread pool), each making
    /// <paramref name="callsPerCaller"/> sequential calls, spread over <paramref name="servers"/> servers
    /// (caller i calls server i mod servers). The servers are started before the clock starts.
    /// </summary>
    Task ManyCallersAsync(int callers, int servers, int callsPerCaller);

    /// <summary>Starts whatever this runtime's extra workloads need and returns them (none for most runtimes).</summary>
    Task<IReadOnlyList<ExtraWorkload>> PrepareExtraWorkloadsAsync(double scale);

    /// <summary>Prepares the servers <see cref="ManyCallersAsync"/> uses (outside the timed part).</summary>
    Task PrepareManyCallersAsync(int servers);

    /// <summary>Starts <paramref name="count"/> idle servers one at a time, each start waiting for its init to have run.</summary>
    Task<object> SpawnSequentialAsync(int count);

    /// <summary>Issues <paramref name="count"/> starts of idle servers, then waits until every init has run.</summary>
    Task<object> SpawnPipelinedAsync(int count);

    /// <summary>Stops the servers a spawn workload returned (not timed).</summary>
    Task StopSpawnedAsync(object spawned);
}
