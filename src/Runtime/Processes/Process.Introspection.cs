using System;
using System.Diagnostics;
using Arbor.Introspection;

namespace Arbor;

internal sealed partial class Process
{
    /// <summary>
    /// A turn while the node is observed: the same turn, timed, with the messages it handled added to this process's and
    /// the node's counts. The counts are added with atomic operations after the turn: by then the process may be idle and
    /// already running its next turn on another thread.
    /// </summary>
    private void RunObserved(WorkerThread thread)
    {
        var budget = FairnessBudget;
        var started = Stopwatch.GetTimestamp();
        RunUntilTurnEnds(thread, ref budget);
        var elapsed = Stopwatch.GetTimestamp() - started;
        var handled = FairnessBudget - budget;
        if (handled != 0 && ArborTelemetry.MessagesProcessed.Enabled)
        {
            ArborTelemetry.MessagesProcessed.Add(handled);
        }

        var extras = Extras;
        var statistics = extras.Statistics ?? CreateStatistics(extras);
        statistics.Record(handled, elapsed);
        if (handled != 0)
        {
            Node.Introspection.RecordHandled(handled);
        }
    }

    private ProcessStatistics CreateStatistics(ProcessExtras extras)
    {
        lock (this)
        {
            return extras.Statistics ??= new ProcessStatistics();
        }
    }

    /// <summary>Who this process is linked with, who monitors it, and how many monitors it holds (a snapshot).</summary>
    internal (Pid[] Linked, Pid[] MonitoredBy, int Monitors) SnapshotRelations()
    {
        lock (this)
        {
            var extras = _extras;
            var linked = extras?.Links is { Count: > 0 } links ? new Pid[links.Count] : Array.Empty<Pid>();
            if (linked.Length > 0)
            {
                var i = 0;
                foreach (var other in extras!.Links!)
                {
                    linked[i++] = other.Pid;
                }

                Array.Sort(linked);
            }

            var monitoredBy = extras?.Watchers is { Count: > 0 } watchers ? new Pid[watchers.Count] : Array.Empty<Pid>();
            for (var i = 0; i < monitoredBy.Length; i++)
            {
                monitoredBy[i] = extras!.Watchers![i].Watcher.Pid;
            }

            // The monitors it holds are its own list, not guarded by the lock: only their count is read, which is safe.
            return (linked, monitoredBy, extras?.Monitors?.Count ?? 0);
        }
    }
}
