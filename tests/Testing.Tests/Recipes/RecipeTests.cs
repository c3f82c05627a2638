using Arbor.Testing.Tests.Support;

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
}
