using System.Linq;
using Arbor.Hosting.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Arbor.Hosting.Tests;

/// <summary>The tree stops with the host: gracefully in reverse order, and never past the host's shutdown timeout.</summary>
public sealed class ShutdownTests
{
    private static readonly TimeSpan s_hangGuard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Stopping_the_host_stops_children_in_reverse_start_order_through_terminate()
    {
        var journal = new Journal();
        using var host = TestHost.Build(new CapturedLogs(), services => services.AddArbor(arbor => arbor
            .AddChild(Worker.ChildSpec("a", journal, id: "a"))
            .AddChild(Supervisor.ChildSpec("nested", new SupervisorOptions
            {
                Children = [Worker.ChildSpec("b1", journal, id: "b1"), Worker.ChildSpec("b2", journal, id: "b2")],
            }))
            .AddChild(Worker.ChildSpec("c", journal, id: "c"))));
        await host.StartAsync().WaitAsync(s_hangGuard);
        var node = host.Node();
        var root = host.Root().Pid;

        await host.StopAsync().WaitAsync(s_hangGuard);

        Assert.Equal(
            ["start a", "start b1", "start b2", "start c", "stop c shutdown", "stop b2 shutdown", "stop b1 shutdown", "stop a shutdown"],
            journal.Entries);
        Assert.Equal(ExitReason.Shutdown, await node.WhenExited(root));
        Assert.Equal(0, node.ProcessCount);
    }

    [Fact]
    public async Task A_tree_that_outlives_the_hosts_shutdown_timeout_is_killed_and_the_host_stops()
    {
        var logs = new CapturedLogs();
        using var host = TestHost.Build(
            logs,
            services => services.AddArbor(arbor => arbor.AddChild(Stubborn.ChildSpec(name: "stubborn", shutdown: Shutdown.Infinity))),
            shutdownTimeout: TimeSpan.FromMilliseconds(200));
        await host.StartAsync().WaitAsync(s_hangGuard);
        Assert.True(await host.Node().Whereis<StubbornRef>("stubborn").PingAsync());
        var root = host.Root().Pid;

        await host.StopAsync().WaitAsync(s_hangGuard);

        Assert.Equal(ExitReason.Killed, await host.Node().WhenExited(root));
        Assert.Contains(logs.In("Arbor.Hosting"), entry => entry.Event.Name == "RootKilledAtShutdownTimeout" && entry.Level == LogLevel.Warning);
    }

    [Fact]
    public async Task A_root_that_gives_up_stops_the_host_and_says_why()
    {
        var logs = new CapturedLogs();
        var journal = new Journal();
        using var host = TestHost.Build(logs, services => services.AddArbor(arbor =>
        {
            arbor.MaxRestarts = 0;
            arbor.AddChild(Worker.ChildSpec("fragile", journal, name: "fragile"));
        }));
        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(() => stopping.TrySetResult());
        await host.StartAsync().WaitAsync(s_hangGuard);

        host.Node().Whereis<WorkerRef>("fragile").Crash();
        await stopping.Task.WaitAsync(s_hangGuard);
        await host.StopAsync().WaitAsync(s_hangGuard);

        var report = Assert.Single(logs.In("Arbor.Hosting"), entry => entry.Event.Name == "RootExited");
        Assert.Equal(LogLevel.Critical, report.Level);
        Assert.Contains("shutdown", report.Message);
    }

    [Fact]
    public async Task A_root_that_gives_up_leaves_the_host_running_when_asked_to()
    {
        var journal = new Journal();
        using var host = TestHost.Build(new CapturedLogs(), services => services.AddArbor(arbor =>
        {
            arbor.MaxRestarts = 0;
            arbor.StopHostWhenRootExits = false;
            arbor.AddChild(Worker.ChildSpec("fragile", journal, name: "fragile"));
        }));
        await host.StartAsync().WaitAsync(s_hangGuard);
        var root = host.Root().Pid;

        host.Node().Whereis<WorkerRef>("fragile").Crash();
        await host.Node().WhenExited(root).WaitAsync(s_hangGuard);

        Assert.False(host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
        await host.StopAsync().WaitAsync(s_hangGuard);
    }
}
