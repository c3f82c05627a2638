using System.Linq;
using Arbor.Hosting.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Arbor.Hosting.Tests;

/// <summary>Crash reports and supervisor reports reach the host's logging.</summary>
public sealed class ReportingTests
{
    private static readonly TimeSpan s_hangGuard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_crash_and_its_restart_are_reported_through_the_hosts_loggers()
    {
        var logs = new CapturedLogs();
        var journal = new Journal();
        using var host = TestHost.Build(logs, services => services.AddArbor(arbor => arbor.AddChild(Worker.ChildSpec("fragile", journal, name: "fragile"))));
        await host.StartAsync().WaitAsync(s_hangGuard);
        Assert.Equal("start fragile", await journal.Started.ReadAsync());
        var first = host.Node().Whereis<WorkerRef>("fragile");

        first.Crash();
        Assert.Equal("start fragile", await journal.Started.ReadAsync().AsTask().WaitAsync(s_hangGuard));

        var crash = Assert.Single(logs.In("Arbor.Process"), entry => entry.Level == LogLevel.Error);
        Assert.Contains(first.Pid.ToString(), crash.Message);
        Assert.IsType<InvalidOperationException>(crash.Exception);
        Assert.Contains(logs.In("Arbor.Supervisor"), entry => entry.Event.Name == "ChildTerminated" && entry.Message.Contains("fragile"));
        Assert.Contains(logs.In("Arbor.Hosting"), entry => entry.Event.Name == "RootStarted");
        await host.StopAsync().WaitAsync(s_hangGuard);
        Assert.Contains(logs.In("Arbor.Hosting"), entry => entry.Event.Name == "RootStopped");
    }

    [Fact]
    public async Task The_crash_report_detail_set_on_the_host_reaches_the_node()
    {
        var logs = new CapturedLogs();
        var journal = new Journal();
        using var host = TestHost.Build(logs, services => services.AddArbor(arbor =>
        {
            arbor.CrashReportDetail = CrashReportDetail.TypesOnly;
            arbor.AddChild(Worker.ChildSpec("private", journal, name: "private"));
        }));
        await host.StartAsync().WaitAsync(s_hangGuard);
        Assert.Equal("start private", await journal.Started.ReadAsync());

        host.Node().Whereis<WorkerRef>("private").Crash();
        Assert.Equal("start private", await journal.Started.ReadAsync().AsTask().WaitAsync(s_hangGuard));

        var crash = Assert.Single(logs.In("Arbor.Process"), entry => entry.Level == LogLevel.Error);
        Assert.Contains("last message: Worker.ArborMessages.CrashCast;", crash.Message);
        await host.StopAsync().WaitAsync(s_hangGuard);
    }

    [Fact]
    public async Task The_scheduling_options_set_on_the_host_reach_the_node()
    {
        // A value the node rejects proves the setting got there: the node names it when the host starts.
        foreach (var (configure, name) in new (Action<ArborHostingOptions>, string)[]
        {
            (arbor => arbor.DirtySchedulers = 0, "DirtySchedulers"),
            (arbor => arbor.LongTurnThreshold = TimeSpan.Zero, "LongTurnThreshold"),
        })
        {
            using var host = TestHost.Build(new CapturedLogs(), services => services.AddArbor(configure));
            var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync().WaitAsync(s_hangGuard));
            Assert.Contains(name, error.ToString());
        }
    }
}
