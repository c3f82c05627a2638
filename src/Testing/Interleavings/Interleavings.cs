using System;
using System.Threading.Tasks;

namespace Arbor.Testing;

/// <summary>
/// Runs a scenario under many schedules. Each run gets a fresh node in deterministic mode
/// (<see cref="ArborNodeOptions.DeterministicSeed"/>): one scheduler thread, where a generator seeded with the run's seed
/// picks which ready process — or which step of the scenario itself — runs next. A failure names the seed, and
/// <see cref="ReplayAsync"/> with that seed runs the same interleaving again.
/// </summary>
/// <example>
/// <code>
/// await Interleavings.ExploreAsync(async node =>
/// {
///     var counter = await Counter.StartAsync(node);
///     counter.Add(1);
///     Assert.Equal(1, await counter.GetAsync());
/// });
/// </code>
/// </example>
/// <remarks>
/// The scenario runs on the scheduler thread: it must not block synchronously (<c>.Result</c>, <c>Wait()</c>). Timers
/// (SendAfter, timeouts) fire in real time and are not replayed by the seed; nor is code that leaves the scheduler
/// (<c>ConfigureAwait(false)</c>, <c>Task.Run</c>).
/// </remarks>
public static class Interleavings
{
    /// <summary>Seeds tried by <see cref="ExploreAsync"/> unless told otherwise.</summary>
    public const int DefaultSeeds = 50;

    /// <summary>How long one run may take before it counts as hung (a deadlock in that interleaving): 10 seconds.</summary>
    public static readonly TimeSpan DefaultRunTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Runs <paramref name="scenario"/> once per seed, from <paramref name="firstSeed"/> on, each on a fresh deterministic
    /// node; stops at the first failure with an <see cref="InterleavingFailedException"/> naming the seed.
    /// </summary>
    /// <param name="scenario">The test's steps; throws (an assertion) to fail.</param>
    /// <param name="seeds">How many seeds to try.</param>
    /// <param name="firstSeed">The first seed.</param>
    /// <param name="runTimeout">How long one run may take; <see cref="DefaultRunTimeout"/> when null.</param>
    /// <returns>Completes when every seed has passed.</returns>
    public static async Task ExploreAsync(Func<ArborNode, Task> scenario, int seeds = DefaultSeeds, int firstSeed = 1, TimeSpan? runTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(seeds);
        for (var seed = firstSeed; seed < firstSeed + seeds; seed++)
        {
            await ReplayAsync(seed, scenario, runTimeout).ConfigureAwait(false);
        }
    }

    /// <summary>Runs <paramref name="scenario"/> under one seed (the one a failure reported, to reproduce it).</summary>
    /// <param name="seed">The seed.</param>
    /// <param name="scenario">The test's steps.</param>
    /// <param name="runTimeout">How long the run may take; <see cref="DefaultRunTimeout"/> when null.</param>
    /// <returns>Completes when the scenario has passed and the node is disposed.</returns>
    /// <exception cref="InterleavingFailedException">The scenario failed or hung under this seed.</exception>
    public static async Task ReplayAsync(int seed, Func<ArborNode, Task> scenario, TimeSpan? runTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var timeout = runTimeout ?? DefaultRunTimeout;
        var node = await ArborNode.StartAsync(new ArborNodeOptions { DeterministicSeed = seed }).ConfigureAwait(false);
        try
        {
            await node.RunOnSchedulerAsync(() => scenario(node)).WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new InterleavingFailedException(seed, $"did not finish within {timeout.TotalSeconds:0.###} s (a deadlock or a lost message in this interleaving?)", null);
        }
        catch (Exception exception) when (exception is not InterleavingFailedException)
        {
            throw new InterleavingFailedException(seed, exception.Message, exception);
        }
        finally
        {
            await node.DisposeAsync().ConfigureAwait(false);
        }
    }
}
