using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Arbor;
using Arbor.Supervision.Tests.Support;

namespace Arbor.Supervision.Tests.Conformance;

/// <summary>A three-level tree: failures are handled at the lowest level that can, and a level restart rebuilds its subtree.</summary>
public sealed class TreeTests
{
    /// <summary>root (one_for_one) → [config, services (one_for_all) → [cache, workers (rest_for_one) → [w1, w2, w3]]].</summary>
    /// <param name="node">The node.</param>
    /// <param name="named">Register the middle and leaf supervisors as "services" and "workers".</param>
    private static async Task<(SupervisorRef Root, EventLog Log)> StartTreeAsync(ArborNode node, bool named = true)
    {
        var log = new EventLog();
        var workers = Supervisor.ChildSpec("workers", new SupervisorOptions
        {
            Name = named ? "workers" : null,
            Strategy = Strategy.RestForOne,
            Children = new[] { log.Plan("w1").Spec(), log.Plan("w2").Spec(), log.Plan("w3").Spec() },
        });
        var services = Supervisor.ChildSpec("services", new SupervisorOptions
        {
            Name = named ? "services" : null,
            Strategy = Strategy.OneForAll,
            Children = new[] { log.Plan("cache").Spec(), workers },
        });
        var root = await node.StartSupervisorAsync(new SupervisorOptions
        {
            Name = "root",
            MaxRestarts = 10,
            Within = TimeSpan.FromMinutes(1),
            Children = new[] { log.Plan("config").Spec(), services },
        });
        Assert.Equal(new[] { "started config#1", "started cache#1", "started w1#1", "started w2#1", "started w3#1" }, await log.TakeAsync(5));
        return (root, log);
    }

    [Fact]
    public async Task A_leaf_crash_is_handled_by_the_leaf_supervisor_alone()
    {
        await using var node = await ArborNode.StartAsync();
        var (root, log) = await StartTreeAsync(node);
        var workers = node.Whereis<SupervisorRef>("workers");
        var services = node.Whereis<SupervisorRef>("services");

        Worker.Crash((await workers.WhichChildrenAsync().Within()).Child("w2").Pid);
        Assert.Equal(new[] { "terminating w2#1 (boom)", "terminating w3#1 (shutdown)", "started w2#2", "started w3#2" }, await log.TakeAsync(4));
        Assert.Equal(workers, node.Whereis<SupervisorRef>("workers"));
        Assert.Equal(services, node.Whereis<SupervisorRef>("services"));
        await root.StopAsync().Within();
    }

    [Fact]
    public async Task A_middle_level_restart_rebuilds_the_whole_subtree_in_order_and_leaves_siblings_alone()
    {
        await using var node = await ArborNode.StartAsync();
        var (root, log) = await StartTreeAsync(node);
        var configBefore = (await root.WhichChildrenAsync().Within()).Child("config").Pid;
        var workersBefore = node.Whereis("workers");
        var servicesBefore = node.Whereis("services");

        // The cache crashes: services (one_for_all) stops the workers subtree depth-first, then starts everything again.
        Worker.Crash((await node.Whereis<SupervisorRef>("services").WhichChildrenAsync().Within()).Child("cache").Pid);
        Assert.Equal(
            new[]
            {
                "terminating cache#1 (boom)",
                "terminating w3#1 (shutdown)", "terminating w2#1 (shutdown)", "terminating w1#1 (shutdown)",
                "started cache#2", "started w1#2", "started w2#2", "started w3#2",
            },
            await log.TakeAsync(8));

        Assert.Equal(servicesBefore, node.Whereis("services"));
        Assert.NotEqual(workersBefore, node.Whereis("workers"));
        Assert.Equal(configBefore, (await root.SettledChildrenAsync()).Child("config").Pid);
        await root.StopAsync().Within();
    }

    [Fact]
    public async Task Killing_a_middle_supervisor_makes_the_root_rebuild_its_subtree()
    {
        // Unnamed: a killed supervisor's children exit at their own pace through their links, so a restart could meet
        // a name still held by the old subtree (it would fail with already_started and be retried, as in OTP).
        await using var node = await ArborNode.StartAsync();
        var (root, log) = await StartTreeAsync(node, named: false);
        var servicesBefore = SupervisorRef.FromPid((await root.WhichChildrenAsync().Within()).Child("services").Pid);
        var workersBefore = SupervisorRef.FromPid((await servicesBefore.WhichChildrenAsync().Within()).Child("workers").Pid);
        var leavesBefore = (await workersBefore.WhichChildrenAsync().Within()).Select(c => c.Pid).ToArray();

        node.Exit(servicesBefore.Pid, ExitReason.Kill);
        Assert.Equal(new[] { "started cache#2", "started w1#2", "started w2#2", "started w3#2" }, await StartsAsync(log, 4));

        // The old subtree is gone: the leaf supervisor took the kill from its parent, and stopped its workers first.
        Assert.Equal(ExitReason.Killed, await node.WhenExited(workersBefore.Pid).Within());
        foreach (var old in leavesBefore)
        {
            Assert.Equal(ExitReason.Shutdown, await node.WhenExited(old).Within());
        }

        var services = SupervisorRef.FromPid((await root.SettledChildrenAsync()).Child("services").Pid);
        Assert.NotEqual(servicesBefore, services);
        var workers = SupervisorRef.FromPid((await services.WhichChildrenAsync().Within()).Child("workers").Pid);
        Assert.NotEqual(workersBefore, workers);
        Assert.Equal(new ChildCounts(3, 3, 0, 3), await workers.CountChildrenAsync().Within());

        await root.StopAsync().Within();
        await node.ProcessCountSettlesAsync(0);
    }

    /// <summary>The next <paramref name="count"/> starts, skipping the old subtree's terminations, which interleave with them.</summary>
    private static async Task<string[]> StartsAsync(EventLog log, int count)
    {
        var starts = new List<string>();
        while (starts.Count < count)
        {
            if (await log.NextAsync() is Started started)
            {
                starts.Add(started.ToString());
            }
        }

        return starts.ToArray();
    }
}
