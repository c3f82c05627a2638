using System;
using System.Threading.Tasks;

namespace Arbor;

public sealed partial class ArborNode
{
    /// <summary>The seed of a node started with <see cref="ArborNodeOptions.DeterministicSeed"/>; null for an ordinary node.</summary>
    public int? DeterministicSeed => Scheduling.Deterministic?.Seed;

    /// <summary>
    /// Runs <paramref name="body"/> as one more participant of a deterministic node's schedule: it starts on the node's
    /// scheduler thread and each of its awaits resumes there when the seed picks it, so the test's own steps interleave
    /// with the processes by the seed too. On an ordinary node it simply runs <paramref name="body"/>. The body must not
    /// block synchronously (<c>.Result</c>, <c>Wait()</c>): on a deterministic node that would stop every process.
    /// </summary>
    /// <param name="body">The scenario.</param>
    /// <returns>Completes with the scenario.</returns>
    public Task RunOnSchedulerAsync(Func<Task> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Scheduling.Deterministic is { } scheduler ? scheduler.RunAsync(body) : body();
    }
}
