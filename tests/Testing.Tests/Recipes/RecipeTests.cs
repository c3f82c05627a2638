using Arbor.Testing.Tests.Fakes;
using Arbor.Testing.Tests.Support;
using Arbor.Testing.Tests.Time;

namespace Arbor.Testing.Tests.Recipes;

/// <summary>The recipes of docs/testing.md, compiled and run: if one of these changes, change the page too.</summary>
public sealed class RecipeTests
{
    [Fact]
    public async Task Test_a_GenServer_alone()
    {
        await using var test = await ArborTestNode.StartAsync();
        var journal = new Journal();
        var recorder = await test.StartSupervisedAsync<RecorderRef>(Recorder.ChildSpec("solo", journal));

        Assert.Equal("solo", await recorder.LabelAsync());
        test.Logs.ExpectNoCrashReports();
    }

    [Fact]
    public async Task Test_a_GenServer_with_a_probe()
    {
        await using var test = await ArborTestNode.StartAsync();
        var subscriber = await test.CreateProbeAsync();
        var notifier = await test.StartSupervisedAsync<NotifierRef>(Notifier.ChildSpec());

        await notifier.SubscribeAsync(subscriber.Pid);
        notifier.Publish("first");
        notifier.Publish("second");

        await subscriber.ExpectMessageAsync(new Published("first"));
        await subscriber.ExpectMessageAsync(new Published("second"));
        await subscriber.ExpectNoMessageAsync();
    }

    [Fact]
    public async Task Test_a_supervisors_restart_behaviour()
    {
        await using var test = await ArborTestNode.StartAsync();
        var tree = SupervisorRef.FromPid(await test.StartSupervisedAsync(Supervisor.ChildSpec("tree", new SupervisorOptions
        {
            Strategy = Strategy.OneForOne,
            Children = new[] { Notifier.ChildSpec(id: "notifier") },
        })));
        var watcher = await test.CreateProbeAsync();
        var before = NotifierRef.FromPid((await tree.WhichChildrenAsync())[0].Pid);
        await watcher.MonitorAsync(before.Pid);

        before.Crash("let it crash");

        var down = await watcher.ExpectDownAsync(before.Pid);
        Assert.Equal("let it crash", down.Reason.Exception?.Message);
        await test.Logs.ExpectCrashReportAsync(before.Pid);
        await test.Logs.ExpectSupervisorReportAsync(ArborLogEvents.ChildStarted, e => (string?)e["ChildId"] == "notifier" && !e.IsAbout(before.Pid));
        var after = (await tree.WhichChildrenAsync())[0].Pid;
        Assert.NotEqual(before.Pid, after);
        Assert.True(after.IsAlive);
    }

    [Fact]
    public async Task Test_a_GenServer_with_a_generated_fake()
    {
        await using var test = await ArborTestNode.StartAsync();
        var inventory = new InventoryFake { ReserveCall = (item, count) => item == "apple" };
        await test.StartSupervisedAsync<InventoryRef>(inventory.ChildSpec(name: "inventory"));
        var checkout = await test.StartSupervisedAsync<CheckoutRef>(Checkout.ChildSpec());

        Assert.Equal("sold out", await checkout.BuyAsync("pear"));

        var received = await inventory.WhenReceivedAsync(2);
        Assert.Equal("Inventory.Reserve(pear, 1)", received[0].ToString());
        Assert.Equal(("pear", 10), (received[1].Argument<string>(0), received[1].Argument<int>(1)));
    }

    [Fact]
    public async Task Test_a_timeout_without_waiting()
    {
        await using var test = await ArborTestNode.StartAsync(new ArborTestNodeOptions { VirtualTime = true });
        var owner = await test.CreateProbeAsync();
        var session = await test.StartSupervisedAsync<SessionRef>(Session.ChildSpec(owner.Pid, restart: Restart.Transient));

        await test.AdvanceAsync(TimeSpan.FromMinutes(59));
        await owner.ExpectNoMessageAsync();
        await test.AdvanceAsync(TimeSpan.FromMinutes(1));

        await owner.ExpectMessageAsync("session idle");
        Assert.Equal(ExitReason.Normal, await test.Node.WhenExited(session.Pid));
    }

    [Fact]
    public Task Replay_timers_with_the_seed() =>
        Interleavings.ExploreAsync(async (node, time) =>
        {
            var collector = await Collector.StartAsync(node);
            node.SendAfter(collector.Pid, TimeSpan.FromMinutes(2), "late");
            node.SendAfter(collector.Pid, TimeSpan.FromMinutes(1), "a");
            node.SendAfter(collector.Pid, TimeSpan.FromMinutes(1), "b");

            await time.AdvanceAsync(node, TimeSpan.FromMinutes(5));

            Assert.Contains(await collector.ArrivedAsync(), new[] { "a,b,late", "b,a,late" });
            await collector.StopAsync();
        }, seeds: 10);
}
