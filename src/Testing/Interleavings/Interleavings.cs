using System;
using System.Threading.Tasks;

namespace Arbor.Testing;

/// <summary>
/// Runs a scenario under many schedules. Each run gets a fresh node in deterministic mode
/// (<see cref="ArborNodeOptions.DeterministicSeed"/>): one scheduler thread, where a generator seeded with the run's seed
/// picks which ready process — or which step of the scenario itself — runs next. A failure names the seed, and
/// <see cref="ReplayAsync(int, Func{ArborNode, Task}, TimeSpan?)"/> with that seed runs the same interleaving again.
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
/// The scenario runs on the scheduler thread: it must not block synchronously (<c>.Result</c>, <c>Wait()</c>). With a
/// scenario that takes a <see cref="VirtualTime"/> too, the node runs on that clock and timers are replayed as well: the
/// scenario moves time (<see cref="VirtualTime.AdvanceAsync"/>), and timers due at the same instant are delivered in an
/// order the seed picks. With the plain scenario, timers (SendAfter, timeouts) fire in real time and are not replayed by
/// the seed. Code that leaves the scheduler (<c>ConfigureAwait(false)</c>, <c>Task.Run</c>) never is. Every node here
/// tracks its in-flight work, so a scenario can wait for it to settle
/// (<see cref="Introspection.NodeIntrospection.WhenQuiescentAsync"/>).
/// </remarks>
public static class Interleavings
{
    /// <summary>Seeds tried by <see cref="ExploreAsync(Func{ArborNode, Task}, int, int, TimeSpan?)"/> unless told otherwise.</summary>
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
    public static Task ExploreAsync(Func<ArborNode, Task> scenario, int seeds = DefaultSeeds, int firstSeed = 1, TimeSpan? runTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return ExploreAsync((node, _) => scenario(node), seeds, firstSeed, runTimeout, virtualTime: false);
    }

    /// <summary>
    /// Like <see cref="ExploreAsync(Func{ArborNode, Task}, int, int, TimeSpan?)"/>, with each run's node on a fresh
    /// <see cref="VirtualTime"/> the scenario moves: timers are part of the replayed interleaving (ties in the seed's order).
    /// </summary>
    /// <param name="scenario">The test's steps, given the node and its clock; throws (an assertion) to fail.</param>
    /// <param name="seeds">How many seeds to try.</param>
    /// <param name="firstSeed">The first seed.</param>
    /// <param name="runTimeout">How long one run may take, in real time; <see cref="DefaultRunTimeout"/> when null.</param>
    /// <returns>Completes when every seed has passed.</returns>
    public static Task ExploreAsync(Func<ArborNode, VirtualTime, Task> scenario, int seeds = DefaultSeeds, int firstSeed = 1, TimeSpan? runTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return ExploreAsync(scenario, seeds, firstSeed, runTimeout, virtualTime: true);
    }

    /// <summary>Runs <paramref name="scenario"/> under one seed (the one a failure reported, to reproduce it).</summary>
    /// <param name="seed">The seed.</param>
    /// <param name="scenario">The test's steps.</param>
    /// <param name="runTimeout">How long the run may take; <see cref="DefaultRunTimeout"/> when null.</param>
    /// <returns>Completes when the scenario has passed and the node is disposed.</returns>
    /// <exception cref="InterleavingFailedException">The scenario failed or hung under this seed.</exception>
    public static Task ReplayAsync(int seed, Func<ArborNode, Task> scenario, TimeSpan? runTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return RunAsync(seed, (node, _) => scenario(node), runTimeout, virtualTime: false);
    }

    /// <summary>Runs a scenario on virtual time under one seed (the one a failure reported, to reproduce it).</summary>
    /// <param name="seed">The seed.</param>
    /// <param name="scenario">The test's steps, given the node and its clock.</param>
    /// <param name="runTimeout">How long the run may take, in real time; <see cref="DefaultRunTimeout"/> when null.</param>
    /// <returns>Completes when the scenario has passed and the node is disposed.</returns>
    /// <exception cref="InterleavingFailedException">The scenario failed or hung under this seed.</exception>
    public static Task ReplayAsync(int seed, Func<ArborNode, VirtualTime, Task> scenario, TimeSpan? runTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return RunAsync(seed, scenario, runTimeout, virtualTime: true);
    }

    private static async Task ExploreAsync(Func<ArborNode, VirtualTime, Task> scenario, int seeds, int firstSeed, TimeSpan? runTimeout, bool virtualTime)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(seeds);
        for (var seed = firstSeed; seed < firstSeed + seeds; seed++)
        {
            await RunAsync(seed, scenario, runTimeout, virtualTime).ConfigureAwait(false);
        }
    }

    private static async Task RunAsync(int seed, Func<ArborNode, VirtualTime, Task> scenario, TimeSpan? runTimeout, bool virtualTime)
    {
        var timeout = runTimeout ?? DefaultRunTimeout;
        var time = new VirtualTime();
        var node = await ArborNode.StartAsync(new ArborNodeOptions
        {
            DeterministicSeed = seed,
            TimeProvider = virtualTime ? time : TimeProvider.System,
            TrackInFlightWork = true,
        }).ConfigureAwait(false);
        try
        {
            await node.RunOnSchedulerAsync(() => scenario(node, time)).WaitAsync(timeout).ConfigureAwait(false);
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
