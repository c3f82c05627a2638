using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Arbor;
using Arbor.Supervision.Tests.Support;
using Xunit.Abstractions;

namespace Arbor.Supervision.Tests.Soak;

/// <summary>
/// A tree of 1,000 workers under random crashes for a bounded time. The invariants, not the speed, are checked: every
/// permanent and transient child runs at the end, temporary children that crashed are gone, every child was started
/// exactly once more than it was crashed, and stopping the tree leaves no process behind.
/// </summary>
public sealed class SoakTests
{
    private const int Groups = 10;
    private const int WorkersPerGroup = 100;
    private static readonly TimeSpan ChaosDuration = TimeSpan.FromSeconds(2);
    private static readonly ExitReason Chaos = ExitReason.Other("chaos");
    private readonly ITestOutputHelper _output;

    public SoakTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task A_thousand_workers_survive_random_crashes_with_exact_restart_counts_and_no_leaks()
    {
        await using var node = await ArborNode.StartAsync();
        var census = new Census();
        var restartOf = new Dictionary<string, Restart>();
        var groups = new List<ChildSpec>();
        for (var g = 0; g < Groups; g++)
        {
            var workers = new List<ChildSpec>();
            for (var w = 0; w < WorkersPerGroup; w++)
            {
                var id = $"g{g}w{w}";
                var restart = (w % 10) switch { 0 => Restart.Temporary, 1 => Restart.Transient, _ => Restart.Permanent };
                restartOf[id] = restart;
                workers.Add(new ChildSpec(id, context => GenServer.StartAsync(context.Node, () => new SoakWorker(census, id), new StartOptions { Link = true }))
                {
                    Restart = restart,
                    Shutdown = Shutdown.BrutalKill,
                });
            }

            groups.Add(Supervisor.ChildSpec($"group{g}", new SupervisorOptions { MaxRestarts = int.MaxValue, Within = TimeSpan.FromSeconds(1), Children = workers }));
        }

        var root = await node.StartSupervisorAsync(new SupervisorOptions { MaxRestarts = 0, Children = groups });
        Assert.Equal(1 + Groups + (Groups * WorkersPerGroup), node.ProcessCount);
        var groupRefs = (await root.WhichChildrenAsync().Within()).Select(c => SupervisorRef.FromPid(c.Pid)).ToArray();

        // Crash random live workers. Only this loop kills anything, so a pid it has not crashed yet is alive, and each
        // crash is exactly one exit for its supervisor to handle. Every 50 crashes it waits for one supervisor's answer.
        var random = new Random(20261121);
        var ids = restartOf.Keys.ToArray();
        var crashed = new HashSet<Pid>();
        var crashes = ids.ToDictionary(id => id, _ => 0);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < ChaosDuration)
        {
            for (var i = 0; i < 50; i++)
            {
                var id = ids[random.Next(ids.Length)];
                if (census.Current.TryGetValue(id, out var pid) && crashed.Add(pid))
                {
                    node.Exit(pid, Chaos);
                    crashes[id]++;
                }
            }

            await groupRefs[random.Next(groupRefs.Length)].CountChildrenAsync().Within();
        }

        var injected = crashes.Values.Sum();
        Assert.True(injected > Groups * WorkersPerGroup / 10, $"only {injected} crashes were injected");
        _output.WriteLine($"{injected} crashes injected in {clock.Elapsed.TotalSeconds:0.0} s");

        // Wait until every restartable child runs a pid that was never crashed.
        await Patience.UntilAsync(
            () => ids.All(id => restartOf[id] == Restart.Temporary || (census.Current.TryGetValue(id, out var pid) && !crashed.Contains(pid))),
            "every crashed permanent or transient worker has been restarted");

        foreach (var group in groupRefs)
        {
            foreach (var child in await group.SettledChildrenAsync())
            {
                Assert.Equal(ChildState.Running, child.State);
                Assert.Equal(census.Current[child.Id], child.Pid);
                Assert.True(child.Pid.IsAlive);
            }
        }

        foreach (var id in ids)
        {
            var starts = census.Starts[id];
            if (restartOf[id] == Restart.Temporary)
            {
                Assert.Equal(1, starts);
            }
            else
            {
                Assert.True(1 + crashes[id] == starts, $"{id} was crashed {crashes[id]} times but started {starts} times");
            }
        }

        var crashedTemporaries = ids.Count(id => restartOf[id] == Restart.Temporary && crashes[id] > 0);
        var counts = await Task.WhenAll(groupRefs.Select(g => g.CountChildrenAsync().AsTask()));
        Assert.Equal((Groups * WorkersPerGroup) - crashedTemporaries, counts.Sum(c => c.Active));
        Assert.True(root.Pid.IsAlive);

        await root.StopAsync().Within();
        await node.ProcessCountSettlesAsync(0);
    }

    /// <summary>Which process currently runs each worker id, and how often each was started.</summary>
    private sealed class Census
    {
        public ConcurrentDictionary<string, Pid> Current { get; } = new();

        public ConcurrentDictionary<string, int> Starts { get; } = new();
    }

    private sealed class SoakWorker : GenServer
    {
        private readonly Census _census;
        private readonly string _id;

        public SoakWorker(Census census, string id)
        {
            _census = census;
            _id = id;
        }

        protected override ValueTask<InitResult> InitAsync()
        {
            _census.Starts.AddOrUpdate(_id, 1, static (_, n) => n + 1);
            _census.Current[_id] = Self;
            return new ValueTask<InitResult>(InitResult.Ok);
        }
    }
}
