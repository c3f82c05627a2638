using System.Linq;

namespace Arbor.Testing.Tests.Time;

/// <summary>Writes down the text messages it gets, in arrival order.</summary>
[GenServer]
public partial class Collector
{
    private readonly List<string> _arrived = new();

    [Info] public void On(string text) => _arrived.Add(text);

    [Call] public string Arrived() => string.Join(",", _arrived);
}

/// <summary>
/// On a deterministic node that runs on virtual time, timers due at the same virtual instant are delivered in an order
/// the seed picks: replayable under the same seed, different under others, and never before an earlier timer.
/// </summary>
public sealed class SeededTimerOrderTests
{
    private static async Task<string> TiesArriveAsync(int seed)
    {
        var arrived = string.Empty;
        await Interleavings.ReplayAsync(seed, async (node, time) =>
        {
            var collector = await Collector.StartAsync(node);
            node.SendAfter(collector.Pid, TimeSpan.FromMinutes(2), "late");
            foreach (var name in new[] { "a", "b", "c", "d" })
            {
                node.SendAfter(collector.Pid, TimeSpan.FromMinutes(1), name);
            }

            await time.AdvanceAsync(node, TimeSpan.FromMinutes(5));
            arrived = await collector.ArrivedAsync();
            await collector.StopAsync();
        });
        return arrived;
    }

    [Fact]
    public async Task Timers_due_together_arrive_in_the_seeds_order_which_replays()
    {
        var first = await TiesArriveAsync(seed: 3);
        var again = await TiesArriveAsync(seed: 3);

        Assert.Equal(first, again);
    }

    [Fact]
    public async Task Other_seeds_pick_other_orders_and_the_later_timer_stays_last()
    {
        var orders = new HashSet<string>();
        for (var seed = 1; seed <= 12; seed++)
        {
            var arrived = await TiesArriveAsync(seed);
            Assert.EndsWith(",late", arrived, StringComparison.Ordinal);
            Assert.Equal(new[] { "a", "b", "c", "d" }, arrived.Split(',')[..4].Order());
            orders.Add(arrived);
        }

        Assert.True(orders.Count > 1, "the seed should choose the order of timers due together: " + string.Join(" | ", orders));
    }

    [Fact]
    public async Task Without_a_seed_timers_due_together_arrive_in_the_order_they_were_set()
    {
        await using var test = await ArborTestNode.StartAsync(new ArborTestNodeOptions { VirtualTime = true });
        var collector = await test.StartSupervisedAsync<CollectorRef>(Collector.ChildSpec());
        foreach (var name in new[] { "a", "b", "c", "d" })
        {
            test.Node.SendAfter(collector.Pid, TimeSpan.FromMinutes(1), name);
        }

        await test.AdvanceAsync(TimeSpan.FromMinutes(1));

        Assert.Equal("a,b,c,d", await collector.ArrivedAsync());
    }
}
