using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading.Tasks;
using Arbor;
using Arbor.Runtime.Tests.Support;

namespace Arbor.Runtime.Tests.Telemetry;

/// <summary>
/// The instruments are process-wide and other tests run in parallel, so these tests assert lower bounds and look for
/// their own tagged measurements rather than exact totals.
/// </summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task Messages_spawns_exits_mailbox_depth_and_call_latency_are_measured_when_listened_to()
    {
        var measurements = new ConcurrentQueue<(string Instrument, double Value, string Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ArborTelemetry.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => measurements.Enqueue((i.Name, v, Render(tags))));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => measurements.Enqueue((i.Name, v, Render(tags))));
        listener.Start();

        await using var node = await ArborNode.StartAsync();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = await Scripted.StartOkAsync(node, new Script
        {
            Cast = async (_, tell) =>
            {
                if (tell.Payload is "block")
                {
                    await gate.Task;
                }
            },
            Call = (s, ask) =>
            {
                s.Answer(ask, "ok");
                return default;
            },
        });
        Scripted.Tell(server, "block");
        for (var i = 0; i < 100; i++)
        {
            Scripted.Tell(server);
        }

        gate.SetResult();
        Assert.Equal("ok", await Scripted.AskAsync(server).Within());
        node.Exit(server, ExitReason.Other("telemetry test"));
        await node.WhenExited(server).Within();

        var all = measurements.ToArray();
        Assert.True(all.Where(m => m.Instrument == "arbor.process.messages").Sum(m => m.Value) >= 102);
        Assert.Contains(all, m => m.Instrument == "arbor.process.spawned");
        Assert.Contains(all, m => m.Instrument == "arbor.process.exits" && m.Tags.Contains("Other"));
        Assert.Contains(all, m => m.Instrument == "arbor.mailbox.depth" && m.Value >= 50);
        Assert.Contains(all, m => m.Instrument == "arbor.call.duration" && m.Tags.Contains("ok") && m.Value >= 0);
    }

    [Fact]
    public async Task A_call_is_an_activity_with_target_and_outcome_and_does_not_become_the_callers_current_activity()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ArborTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        await using var node = await ArborNode.StartAsync();
        var server = await Scripted.StartOkAsync(node, new Script { Call = (s, ask) => { s.Answer(ask, "ok"); return default; } });
        using var parent = new Activity("test-parent").Start();

        await Scripted.AskAsync(server).Within();
        await Assert.ThrowsAsync<NoProcessException>(() => Scripted.AskAsync(Pid.None));

        Assert.Same(parent, Activity.Current);
        var ours = stopped.Where(a => a.ParentId == parent.Id).ToArray();
        var ok = Assert.Single(ours, a => (string?)a.GetTagItem("arbor.call.target") == server.ToString());
        Assert.Equal("arbor.call", ok.OperationName);
        Assert.Equal("ok", ok.GetTagItem("arbor.call.outcome"));
    }

    private static string Render(ReadOnlySpan<System.Collections.Generic.KeyValuePair<string, object?>> tags)
    {
        var parts = new string[tags.Length];
        for (var i = 0; i < tags.Length; i++)
        {
            parts[i] = $"{tags[i].Key}={tags[i].Value}";
        }

        return string.Join(",", parts);
    }
}
