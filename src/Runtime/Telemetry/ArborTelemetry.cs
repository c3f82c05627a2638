using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Arbor;

/// <summary>
/// The names of Arbor's <see cref="System.Diagnostics.Metrics"/> instruments and its <see cref="System.Diagnostics.ActivitySource"/>,
/// for OpenTelemetry (<c>AddMeter(ArborTelemetry.MeterName)</c>, <c>AddSource(ArborTelemetry.ActivitySourceName)</c>).
/// </summary>
/// <remarks>
/// Instruments cost nothing measurable until a listener enables them: messages are counted once per scheduler turn,
/// mailbox depth is sampled when a process takes its mailbox, and call latency is timed only while a listener is on.
/// </remarks>
public static class ArborTelemetry
{
    /// <summary>The meter name: <c>Arbor</c>.</summary>
    public const string MeterName = "Arbor";

    /// <summary>The activity source name: <c>Arbor</c>.</summary>
    public const string ActivitySourceName = "Arbor";

    internal static readonly Meter Meter = new(MeterName, typeof(ArborTelemetry).Assembly.GetName().Version?.ToString());

    internal static readonly ActivitySource ActivitySource = new(ActivitySourceName, typeof(ArborTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary><c>arbor.process.messages</c>: messages handled.</summary>
    internal static readonly Counter<long> MessagesProcessed = Meter.CreateCounter<long>(
        "arbor.process.messages", "{message}", "Messages handled by processes.");

    /// <summary><c>arbor.mailbox.depth</c>: messages waiting when a process picks up its mailbox.</summary>
    internal static readonly Histogram<long> MailboxDepth = Meter.CreateHistogram<long>(
        "arbor.mailbox.depth", "{message}", "Messages waiting in a mailbox when its process takes them.");

    /// <summary><c>arbor.process.spawned</c>: processes started.</summary>
    internal static readonly Counter<long> ProcessesSpawned = Meter.CreateCounter<long>(
        "arbor.process.spawned", "{process}", "Processes started.");

    /// <summary><c>arbor.process.exits</c>: processes exited, tagged with the kind of reason.</summary>
    internal static readonly Counter<long> ProcessExits = Meter.CreateCounter<long>(
        "arbor.process.exits", "{process}", "Processes exited, by exit reason kind.");

    /// <summary><c>arbor.supervisor.restarts</c>: children restarted by supervisors.</summary>
    internal static readonly Counter<long> Restarts = Meter.CreateCounter<long>(
        "arbor.supervisor.restarts", "{restart}", "Children restarted by supervisors.");

    /// <summary>
    /// <c>arbor.process.handlers_outliving_kill</c>: handler threads still running for processes that were killed while a
    /// handler was stuck in synchronous code (the process is dead; its thread is not, until the handler returns).
    /// </summary>
    internal static readonly UpDownCounter<long> HandlersOutlivingKill = Meter.CreateUpDownCounter<long>(
        "arbor.process.handlers_outliving_kill", "{thread}", "Handler threads still running for processes already killed.");

    /// <summary><c>arbor.call.duration</c>: time from sending a call to its reply or failure.</summary>
    internal static readonly Histogram<double> CallDuration = Meter.CreateHistogram<double>(
        "arbor.call.duration", "ms", "Call round trip, from the call being sent to its reply or failure.");

    /// <summary>True when call latency or call activities are being collected.</summary>
    internal static bool CallsObserved => CallDuration.Enabled || ActivitySource.HasListeners();

    internal static void RecordExit(ExitReason reason)
    {
        if (ProcessExits.Enabled)
        {
            ProcessExits.Add(1, new KeyValuePair<string, object?>("arbor.exit.kind", reason.Kind.ToString()));
        }
    }

    /// <summary>Counts a supervisor restart (called by supervisors).</summary>
    internal static void RecordRestart(string supervisor, string childId)
    {
        if (Restarts.Enabled)
        {
            Restarts.Add(1, new KeyValuePair<string, object?>("arbor.supervisor", supervisor), new KeyValuePair<string, object?>("arbor.child.id", childId));
        }
    }
}
