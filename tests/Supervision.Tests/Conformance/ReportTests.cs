using System;
using System.Linq;
using System.Threading.Tasks;
using Arbor;
using Arbor.Supervision.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Arbor.Supervision.Tests.Conformance;

/// <summary>Supervisor reports go to ILogger: child started, child terminated with its reason, intensity reached.</summary>
public sealed class ReportTests
{
    [Fact]
    public async Task A_crash_restart_and_give_up_are_reported_with_child_and_reason()
    {
        var logs = new CapturedLogs();
        await using var node = await ArborNode.StartAsync(new ArborNodeOptions { LoggerFactory = logs });
        var log = new EventLog();
        var supervisor = await node.StartSupervisorAsync(new SupervisorOptions { Name = "reporting", MaxRestarts = 1, Within = TimeSpan.FromMinutes(10), Children = new[] { log.Plan("worker").Spec() } });
        var first = await log.StartedAsync("worker", 1);
        Worker.Crash(first.Pid, ExitReason.Other("disk full"));
        var second = await log.StartedAsync("worker", 2);
        Worker.Throw(second.Pid);
        await node.WhenExited(supervisor.Pid).Within();

        var supervisorEntries = logs.Entries.Where(e => e.Category == "Arbor.Supervisor").ToList();
        Assert.Equal(
            new[] { "ChildStarted", "ChildTerminated", "ChildStarted", "ChildTerminated", "RestartIntensityReached" },
            supervisorEntries.Select(e => e.EventName));

        var started = supervisorEntries[0];
        Assert.Equal(LogLevel.Information, started.Level);
        Assert.Contains("worker", started.Message);
        Assert.Contains(first.Pid.ToString(), started.Message);
        Assert.Contains("reporting", started.Message);

        var crashed = supervisorEntries[1];
        Assert.Equal(LogLevel.Error, crashed.Level);
        Assert.Contains("disk full", crashed.Message);

        var threw = supervisorEntries[3];
        Assert.IsType<InvalidOperationException>(threw.Exception);

        var gaveUp = supervisorEntries[4];
        Assert.Equal(LogLevel.Error, gaveUp.Level);
        Assert.Contains("worker", gaveUp.Message);
    }

    [Fact]
    public async Task Orderly_exits_of_non_permanent_children_are_not_reported()
    {
        var logs = new CapturedLogs();
        await using var node = await ArborNode.StartAsync(new ArborNodeOptions { LoggerFactory = logs });
        var log = new EventLog();
        var supervisor = await node.StartSupervisorAsync(Strategy.OneForOne, 3, TimeSpan.FromSeconds(5), log.Plan("job").Spec(Restart.Transient));
        Worker.Crash((await log.StartedAsync("job", 1)).Pid, ExitReason.Normal);
        await supervisor.SettledChildrenAsync();
        await supervisor.StopAsync().Within();
        Assert.Empty(logs.Named("ChildTerminated"));
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task Every_restart_is_counted_on_the_arbor_supervisor_restarts_instrument()
    {
        var restarts = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ArborTelemetry.MeterName && instrument.Name == "arbor.supervisor.restarts")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            string? supervisor = null, child = null;
            foreach (var tag in tags)
            {
                supervisor = tag.Key == "arbor.supervisor" ? tag.Value as string : supervisor;
                child = tag.Key == "arbor.child.id" ? tag.Value as string : child;
            }

            if (supervisor?.Contains("metered", StringComparison.Ordinal) == true)
            {
                restarts.Enqueue(child!);
            }
        });
        listener.Start();

        await using var node = await ArborNode.StartAsync();
        var log = new EventLog();
        var supervisor = await node.StartSupervisorAsync(new SupervisorOptions { Name = "metered", Children = new[] { log.Plan("worker").Spec() } });
        Worker.Crash((await log.StartedAsync("worker", 1)).Pid);
        Worker.Crash((await log.StartedAsync("worker", 2)).Pid);
        await log.StartedAsync("worker", 3);
        await supervisor.StopAsync().Within();
        Assert.Equal(new[] { "worker", "worker" }, restarts);
    }
}
